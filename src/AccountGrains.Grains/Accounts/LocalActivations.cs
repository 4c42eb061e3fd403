using System.Collections.Concurrent;
using AccountGrains.Storage;

namespace AccountGrains.Grains;

/// <summary>
/// This silo's live account activations, told by the store's <see cref="IAccountCommitFeed"/> when their account was
/// committed at a version they have not seen: Orleans' directory can briefly keep a second activation of an account on
/// another silo while membership changes, and writes stay single (the expected-version check) but reads would not;
/// a marked activation reloads before its next answer. Exists only where the store has a feed (PostgreSQL, where
/// several silos share accounts); on the embedded store one silo owns every account and nothing is registered.
/// See <c>docs/decisions/0016-stale-activations-learn-from-the-log.md</c>.
/// </summary>
internal sealed class LocalActivations : IAccountCommitObserver, IDisposable
{
    private readonly ConcurrentDictionary<string, AccountGrain> _live = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;

    public LocalActivations(IAccountCommitFeed feed) => _subscription = feed.Subscribe(this);

    public void Add(string accountId, AccountGrain activation) => _live[accountId] = activation;

    public void Remove(string accountId, AccountGrain activation) =>
        _live.TryRemove(new KeyValuePair<string, AccountGrain>(accountId, activation));

    public void OnCommitted(string accountId, long version)
    {
        if (_live.TryGetValue(accountId, out var activation))
        {
            activation.CommittedElsewhere(version);
        }
    }

    public void OnGap()
    {
        foreach (var activation in _live.Values)
        {
            activation.CommittedElsewhere(long.MaxValue);
        }
    }

    public void Dispose() => _subscription.Dispose();
}
