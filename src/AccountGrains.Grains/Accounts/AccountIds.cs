namespace AccountGrains.Grains;

/// <summary>What a valid account id is: 1–64 characters of <c>[A-Za-z0-9_.-]</c>.</summary>
public static class AccountIds
{
    /// <summary>The longest account id.</summary>
    public const int MaxLength = 64;

    /// <summary>The grain type name of accounts; reminders are stored under <c>account/{id}</c>.</summary>
    public const string GrainType = "account";

    /// <summary>True when <paramref name="accountId"/> is a valid account id.</summary>
    public static bool IsValid(ReadOnlySpan<char> accountId)
    {
        if (accountId.IsEmpty || accountId.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in accountId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
