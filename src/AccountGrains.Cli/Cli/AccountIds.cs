using System.Text.RegularExpressions;

namespace AccountGrains.Cli;

/// <summary>The service's account id rule (1–64 characters of [A-Za-z0-9_.-]), checked before a call is spent on it.</summary>
internal static partial class AccountIds
{
    public static bool IsValid(string id) => Pattern().IsMatch(id);

    public static string Check(string? id) =>
        id is not null && IsValid(id) ? id : throw new CliUsageException($"'{id}' is not an account id (1-64 characters of A-Z a-z 0-9 _ . -)");

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}$")]
    private static partial Regex Pattern();
}
