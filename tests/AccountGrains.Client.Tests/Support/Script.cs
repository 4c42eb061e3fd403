using System.Collections.Concurrent;
using Grpc.Core;

namespace AccountGrains.Client.Tests.Support;

/// <summary>What the scripted server does with each attempt, and what it saw: one per test.</summary>
public sealed class Script
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly ConcurrentQueue<SeenAttempt> _seen = new();

    /// <summary>The first this-many attempts of each method are refused with UNAVAILABLE, as a restarting silo would.</summary>
    public int RefuseFirst { get; set; }

    /// <summary>The status refused attempts get. Default UNAVAILABLE.</summary>
    public StatusCode RefuseWith { get; set; } = StatusCode.Unavailable;

    /// <summary>Accepted attempts wait until the call's deadline or cancellation ends them.</summary>
    public bool Hang { get; set; }

    /// <summary>The after_position of every WatchEvents call, in arrival order.</summary>
    public ConcurrentQueue<long> WatchedFrom { get; } = new();

    /// <summary>Every attempt that reached the server, in arrival order.</summary>
    public IReadOnlyList<SeenAttempt> Seen => [.. _seen];

    /// <summary>Attempts of <paramref name="method"/> (the RPC's short name, such as <c>Verify</c>) that reached the server.</summary>
    public int AttemptsOf(string method) => _attempts.GetValueOrDefault(method);

    internal async Task<T> AnswerAsync<T>(ServerCallContext context, T reply)
    {
        var method = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        var attempt = _attempts.AddOrUpdate(method, 1, (_, n) => n + 1);
        _seen.Enqueue(new SeenAttempt(
            method,
            context.RequestHeaders.GetValue("authorization"),
            context.RequestHeaders.GetValue("x-on-behalf-of"),
            context.Deadline));

        if (attempt <= RefuseFirst)
        {
            throw new RpcException(new Status(RefuseWith, $"attempt {attempt} refused (scripted)"));
        }

        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }

        return reply;
    }
}

/// <summary>One attempt as the server saw it.</summary>
public sealed record SeenAttempt(string Method, string? Authorization, string? OnBehalfOf, DateTime Deadline);
