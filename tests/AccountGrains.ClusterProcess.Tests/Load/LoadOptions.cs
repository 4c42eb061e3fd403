namespace AccountGrains.ClusterProcess.Tests.Load;

/// <summary>How much load, for how long; the load stops by itself at whichever bound comes first.</summary>
internal sealed record LoadOptions
{
    public int Workers { get; init; } = 8;

    public int AccountsPerWorker { get; init; } = 6;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public int MaxOperations { get; init; } = 100_000;

    /// <summary>Deadline of one attempt (the client's own UNAVAILABLE retries included).</summary>
    public TimeSpan AttemptDeadline { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long an operation keeps being retried before its outcome is left unknown.</summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A prefix for account ids and idempotency keys, unique per run.</summary>
    public string RunId { get; init; } = "r" + Guid.NewGuid().ToString("N")[..6];
}
