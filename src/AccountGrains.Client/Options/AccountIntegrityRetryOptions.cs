namespace AccountGrains.Client;

/// <summary>
/// How UNAVAILABLE is retried for the calls that are safe to repeat. The client declares it to grpc-dotnet as the
/// channel's service config (a <c>retryPolicy</c> with <c>UNAVAILABLE</c> as the only retryable code), so the channel
/// does the retrying: each backoff is random between 0 and the current bound (full jitter), the bound starting at
/// <see cref="InitialBackoff"/> and multiplied by <see cref="BackoffMultiplier"/> up to <see cref="MaxBackoff"/>;
/// all attempts stay inside the call's deadline.
/// </summary>
public sealed class AccountIntegrityRetryOptions
{
    /// <summary>The most attempts gRPC's retry design allows per call (larger values are treated as 5 by gRPC).</summary>
    public const int MaxAttemptsLimit = 5;

    /// <summary>Attempts per call, the first included. Default 3; 1 turns retries off; at most <see cref="MaxAttemptsLimit"/>.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The bound of the first backoff. Default 100 ms; must be positive.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest bound a backoff grows to. Default 2 s; must be at least <see cref="InitialBackoff"/>.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>What the bound is multiplied by after each attempt. Default 2; must be at least 1.</summary>
    public double BackoffMultiplier { get; set; } = 2;

    /// <summary>Fails fast on an attempt count outside 1–5, a non-positive or inverted backoff, or a multiplier below 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the exception names it.</exception>
    public void Validate()
    {
        if (MaxAttempts is < 1 or > MaxAttemptsLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be 1 (no retries) to 5.");
        }

        if (InitialBackoff <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialBackoff), InitialBackoff, "InitialBackoff must be positive.");
        }

        if (MaxBackoff < InitialBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBackoff), MaxBackoff, "MaxBackoff must be at least InitialBackoff.");
        }

        // Written so that NaN fails too.
        if (!(BackoffMultiplier >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BackoffMultiplier), BackoffMultiplier, "BackoffMultiplier must be at least 1.");
        }
    }
}
