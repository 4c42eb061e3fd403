namespace AccountGrains.Storage.Postgres.Internal;

internal static class ValueTaskExtensions
{
    public static async ValueTask ToUnit(this ValueTask<bool> task) => await task;
}
