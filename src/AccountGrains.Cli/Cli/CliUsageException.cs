namespace AccountGrains.Cli;

/// <summary>Bad usage or input found by acctctl itself (exit code 1), printed as one line.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
