namespace AccountGrains.Abstractions;

/// <summary>What an account id may be: the key of <see cref="IAccountGrain"/>.</summary>
public static class AccountIds
{
    /// <summary>The longest account id.</summary>
    public const int MaxLength = 64;

    /// <summary>True for 1–64 characters of <c>[A-Za-z0-9_.-]</c>.</summary>
    public static bool IsValid(string? accountId)
    {
        if (accountId is null || accountId.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in accountId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
