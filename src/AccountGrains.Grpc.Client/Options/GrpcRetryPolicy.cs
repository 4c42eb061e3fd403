namespace AccountGrains.Grpc.Client;

/// <summary>
/// How calls marked <see cref="CallOptions.IsSafeToRetry"/> are retried when they fail with
/// <see cref="StatusCode.Unavailable"/> (including connection failures) before the server committed to a response.
/// The delay before attempt <c>n + 1</c> is drawn uniformly from
/// <c>[0, min(InitialBackoff × BackoffMultiplier^(n − 1), MaxBackoff)]</c> ("full jitter", as gRFC A6 describes),
/// and never runs past the call's deadline.
/// </summary>
public sealed class GrpcRetryPolicy
{
    /// <summary>Attempts in all, the first one included; 1 turns retries off. Default 3; at most 10.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The upper bound of the first backoff. Default 100 ms.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The cap on any backoff. Default 2 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How much the backoff bound grows after each attempt. Default 2; at least 1.</summary>
    public double BackoffMultiplier { get; set; } = 2.0;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxAttempts, 10, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialBackoff, TimeSpan.Zero, nameof(InitialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, InitialBackoff, nameof(MaxBackoff));
        if (!double.IsFinite(BackoffMultiplier) || BackoffMultiplier < 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(BackoffMultiplier), BackoffMultiplier, "The backoff multiplier must be a finite number of at least 1.");
        }
    }
}
