namespace AccountGrains.Grpc.Client.Internal;

/// <summary>A call's deadline from its options and the channel's default timeout.</summary>
internal static class Deadlines
{
    public static DateTimeOffset? Resolve(in CallOptions options, TimeSpan? defaultTimeout, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var deadline = options.Deadline;
        if (options.Timeout is { } timeout)
        {
            var fromTimeout = After(now, timeout);
            deadline = deadline is { } d && d < fromTimeout ? d : fromTimeout;
        }

        if (options.Deadline is null && options.Timeout is null && defaultTimeout is { } fallback)
        {
            deadline = After(now, fallback);
        }

        return deadline;
    }

    private static DateTimeOffset After(DateTimeOffset now, TimeSpan timeout) =>
        timeout >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + timeout;
}
