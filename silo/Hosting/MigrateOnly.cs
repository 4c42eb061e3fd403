using AccountGrains.Silo.Storage;
using AccountGrains.Storage;

namespace AccountGrains.Silo.Hosting;

/// <summary>
/// <c>--migrate-only</c>: apply the store's schema (Orleans' cluster tables with it) and exit, without starting Orleans
/// or listening. Kubernetes runs it once per release as a pre-install/pre-upgrade Job, so a failed migration stops
/// the rollout before any new silo starts; the silos' own migration at start then finds nothing to do.
/// </summary>
internal static class MigrateOnly
{
    public const string Switch = "--migrate-only";

    public static bool IsRequested(string[] args) => args.Contains(Switch, StringComparer.Ordinal);

    /// <summary>The exit code when the schema could not be applied (the Job fails and Helm stops the release).</summary>
    public const int FailedExitCode = 1;

    /// <summary>Returns the process exit code: 0 once the schema is current, <see cref="FailedExitCode"/> otherwise.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        // The same configuration sources and the same store choice as a serving silo, so the Job needs the same env.
        var builder = WebApplication.CreateBuilder(args.Where(a => a != Switch).ToArray());
        var store = builder.Services.AddAccountStore(builder.Configuration, builder.Environment.ContentRootPath);
        await using var services = builder.Services.BuildServiceProvider();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("AccountGrains.Silo.MigrateOnly");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        try
        {
            await services.GetRequiredService<IStoreSchema>().MigrateAsync(stop.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One line for the Job's log, then a plain failure exit rather than an unhandled-exception abort.
            SiloLog.MigrationFailed(logger, store.Description.Kind, store.Description.Where, ex);
            return FailedExitCode;
        }

        SiloLog.Migrated(logger, store.Description.Kind, store.Description.Where);
        return 0;
    }
}
