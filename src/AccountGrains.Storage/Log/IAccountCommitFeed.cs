namespace AccountGrains.Storage;

/// <summary>
/// Which accounts other processes sharing the store committed, as the log wake-up hears it (PostgreSQL's NOTIFY): lets
/// a silo's live activation learn that its account moved on elsewhere (a brief duplicate activation while the cluster's
/// membership changes) and reload before it answers again. A hint like <see cref="IEventLogSignal"/>: delivered after
/// the commit, usually within a millisecond, never guaranteed; a possible loss is reported as a gap. See
/// <c>docs/decisions/0016-stale-activations-learn-from-the-log.md</c>.
/// </summary>
public interface IAccountCommitFeed
{
    /// <summary>Starts telling <paramref name="observer"/> about commits until the returned handle is disposed.</summary>
    /// <param name="observer">Called on the feed's own thread; it must return quickly and never throw.</param>
    /// <returns>Ends the subscription.</returns>
    IDisposable Subscribe(IAccountCommitObserver observer);
}

/// <summary>Receives what an <see cref="IAccountCommitFeed"/> hears.</summary>
public interface IAccountCommitObserver
{
    /// <summary>A commit left <paramref name="accountId"/>'s stream at <paramref name="version"/> (or later).</summary>
    /// <param name="accountId">The account written.</param>
    /// <param name="version">Its stream version once that commit was visible.</param>
    void OnCommitted(string accountId, long version);

    /// <summary>Notifications may have been missed (the listening connection was opened or reopened): any account may have moved on.</summary>
    void OnGap();
}
