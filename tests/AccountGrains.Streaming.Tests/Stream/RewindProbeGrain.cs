using System.Collections.Concurrent;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace AccountGrains.Streaming.Tests.Stream;

public interface IRewindProbeGrain : IGrainWithStringKey
{
}

/// <summary>
/// An Orleans consumer as another team would write one: an implicit subscription to the account event stream (one
/// activation per partition) that resumes from a token, here the one the test sets, and records what it receives.
/// </summary>
[ImplicitStreamSubscription(AccountEventStreams.Namespace)]
public sealed class RewindProbeGrain : Grain, IRewindProbeGrain, IStreamSubscriptionObserver, IAsyncObserver<LoggedEvent>
{
    /// <summary>The position to resume from, per partition key; none: the stream's own start.</summary>
    public static ConcurrentDictionary<string, long> ResumeFrom { get; } = new();

    /// <summary>What each partition's probe received, in order.</summary>
    public static ConcurrentDictionary<string, ConcurrentQueue<LoggedEvent>> Received { get; } = new();

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var token = ResumeFrom.TryGetValue(this.GetPrimaryKeyString(), out var position) ? new LogPositionToken(position) : null;
        await handleFactory.Create<LoggedEvent>().ResumeAsync(this, token);
    }

    public Task OnNextAsync(LoggedEvent item, StreamSequenceToken? token = null)
    {
        Received.GetOrAdd(this.GetPrimaryKeyString(), _ => new()).Enqueue(item);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
