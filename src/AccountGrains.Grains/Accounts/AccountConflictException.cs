namespace AccountGrains.Grains;

/// <summary>
/// Another writer kept changing the account between this grain's reload and its append (the store's
/// version check refused it twice). Nothing was written; the gateway answers <c>ABORTED</c>.
/// </summary>
public sealed class AccountConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AccountConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AccountConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AccountConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
