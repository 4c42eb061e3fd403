namespace AccountGrains.Grpc.Client.Internal;

/// <summary>gRFC A6's backoff: a delay drawn uniformly below a bound that grows geometrically up to a cap.</summary>
internal static class RetryBackoff
{
    /// <summary>The delay after failed attempt <paramref name="attempt"/> (1-based), with <paramref name="unit"/> in [0, 1).</summary>
    public static TimeSpan Delay(GrpcRetryPolicy policy, int attempt, double unit)
    {
        var bound = Math.Min(policy.InitialBackoff.Ticks * Math.Pow(policy.BackoffMultiplier, attempt - 1), policy.MaxBackoff.Ticks);
        return TimeSpan.FromTicks((long)(bound * unit));
    }
}
