using System.Globalization;
using AccountGrains.Domain;
using AccountGrains.Storage;
using AccountGrains.Storage.Reports;
using AccountGrains.Streaming.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace AccountGrains.Streaming.Reporting;

/// <summary>
/// The reporting projection's consumer of one partition, subscribed implicitly (one activation per partition).
/// Each run of events and the checkpoint it moves commit in one transaction, compared against the checkpoint this
/// activation read (<see cref="IReportStore.ApplyReportChangesAsync"/>), and an event at or below the checkpoint is
/// skipped: a redelivery, a crash between commit and acknowledgement, a second activation, or a rebuild under it
/// count nothing twice.
/// </summary>
/// <remarks>
/// After activation, after a failure, and when the checkpoint moved under it, the grain cannot know whether the
/// stream skipped events of its partition, so before applying the next event it catches up from the log itself
/// (<see cref="PartitionLog"/>); once caught up, the stream's in-order delivery is enough.
/// Delivered events wait up to <see cref="AccountEventStreamOptions.ProjectionBatchDelay"/> and apply as one transaction
/// (group commit for the projection): the log is the source, so a batch lost to a crash or a failure is read from it again.
/// </remarks>
[ImplicitStreamSubscription(AccountEventStreams.Namespace)]
internal sealed class ReportProjectionGrain(
    IReportStore reports,
    IEventStore events,
    IOptions<AccountEventStreamOptions> options,
    IOptions<AuditOptions> audits,
    ILogger<ReportProjectionGrain> logger) : Grain, IReportProjectionGrain, IStreamSubscriptionObserver, IAsyncObserver<LoggedEvent>
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly AccountEventStreamOptions _options = options.Value;
    private readonly List<LoggedEvent> _pending = [];
    private IGrainTimer? _retry;
    private IGrainTimer? _flush;
    private int _partition;
    private long _checkpoint;
    private bool _caughtUp;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _partition = int.Parse(this.GetPrimaryKeyString(), NumberStyles.None, CultureInfo.InvariantCulture);
        _checkpoint = await reports.ReadReportCheckpointAsync(_partition, cancellationToken);
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        // Resume after the checkpoint (the last event applied); if the cache no longer holds it, the catch-up reads the log.
        var handle = handleFactory.Create<LoggedEvent>();
        await handle.ResumeAsync(this, new LogPositionToken(_checkpoint));
    }

    public async Task<long> CatchUp()
    {
        // Read the checkpoint again: a rebuild may have reset it while this activation was idle.
        LoseTrack();
        _checkpoint = await reports.ReadReportCheckpointAsync(_partition);
        await CatchUpAsync(long.MaxValue);
        return _checkpoint;
    }

    public async Task OnNextAsync(LoggedEvent item, StreamSequenceToken? token = null)
    {
        if (item.Position <= _checkpoint && _caughtUp)
        {
            return;
        }

        try
        {
            // Once caught up, the stream's in-order delivery is enough: only a gap (after activation or a failure) reads the log.
            if (!_caughtUp)
            {
                await CatchUpAsync(item.Position - 1);
            }

            if (item.Position > _checkpoint && (_pending.Count == 0 || item.Position > _pending[^1].Position))
            {
                _pending.Add(item);
            }

            if (_pending.Count >= _options.ReadPageSize || _options.ProjectionBatchDelay <= TimeSpan.Zero)
            {
                await FlushAsync();
            }
            else
            {
                _flush ??= this.RegisterGrainTimer(FlushOnTimerAsync, new GrainTimerCreationOptions(_options.ProjectionBatchDelay, Timeout.InfiniteTimeSpan) { Interleave = false });
            }
        }
        catch (Exception e) when (e is StoreUnavailableException or TimeoutException)
        {
            Failed(e, item.Position);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync();
        }
        catch (Exception e) when (e is StoreUnavailableException or TimeoutException)
        {
            // The next activation catches up from the checkpoint, which the batch did not move.
            StreamingLog.ProjectionApplyFailed(logger, e, _partition, _checkpoint);
        }
    }

    private async Task FlushOnTimerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync();
        }
        catch (Exception e) when (e is StoreUnavailableException or TimeoutException)
        {
            Failed(e, _checkpoint);
        }
    }

    /// <summary>Applies the batch in one transaction (a run the stream delivered in order, all above the checkpoint).</summary>
    private async Task FlushAsync()
    {
        _flush?.Dispose();
        _flush = null;
        if (_pending.Count == 0)
        {
            return;
        }

        var run = _pending.ToList();
        _pending.Clear();
        if (!await ApplyAsync(run))
        {
            // The checkpoint moved under it: the catch-up applies what the batch held that the new checkpoint does not cover.
            await CatchUpAsync(run[^1].Position);
        }
    }

    // Not thrown back to the pulling agent (its redelivery backs off for up to a minute, then drops the event): the events
    // are in the log, so a timer catches up from there, and so does the next event.
    private void Failed(Exception e, long position)
    {
        LoseTrack();
        StreamingLog.ProjectionApplyFailed(logger, e, _partition, position);
        _retry ??= this.RegisterGrainTimer(RetryAsync, new GrainTimerCreationOptions(RetryDelay, RetryDelay) { Interleave = false });
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CatchUpAsync(long.MaxValue);
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception e) when (e is StoreUnavailableException or TimeoutException)
        {
            Failed(e, _checkpoint);
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        // The stream may have skipped events: the next one catches up from the log.
        LoseTrack();
        return Task.CompletedTask;
    }

    /// <summary>
    /// From here the grain cannot trust the stream to have given it everything: the next event (or the retry timer) catches
    /// up from the log first. The batch goes too, as the log holds it; so a batch is only ever held while caught up.
    /// </summary>
    private void LoseTrack()
    {
        _caughtUp = false;
        _pending.Clear();
    }

    /// <summary>Applies the partition's events in (checkpoint, <paramref name="through"/>] from the log, page by page.</summary>
    private async Task CatchUpAsync(long through)
    {
        if (_caughtUp && through <= _checkpoint)
        {
            return;
        }

        var log = PartitionLog.OfStore(events, _partition, _options.PartitionCount, _options.ReadPageSize);
        var scanFrom = _checkpoint;
        while (scanFrom < through)
        {
            var (read, scanned) = await log.ReadAsync(scanFrom, _options.ReadPageSize, maxPages: 8, CancellationToken.None);
            var run = read.Where(e => e.Position <= through).Select(LoggedEvent.From).ToList();
            if (run.Count > 0 && !await ApplyAsync(run))
            {
                // The checkpoint moved (a rebuild reset it): scan again from the one now stored.
                scanFrom = _checkpoint;
                continue;
            }

            if (scanned == scanFrom || run.Count < read.Count)
            {
                break;
            }

            scanFrom = scanned;
        }

        _caughtUp = true;
    }

    /// <summary>
    /// Applies the events of <paramref name="run"/> above the checkpoint in one transaction with the checkpoint; returns
    /// <see langword="false"/> when the stored checkpoint was not this activation's (it is then reloaded, nothing applied).
    /// </summary>
    private async Task<bool> ApplyAsync(IReadOnlyList<LoggedEvent> run)
    {
        var pending = run.Where(e => e.Position > _checkpoint).ToList();
        if (pending.Count == 0)
        {
            return true;
        }

        var through = pending[^1].Position;
        if (await reports.ApplyReportChangesAsync(_partition, _checkpoint, through, ReportProjection.Project(pending, audits.Value)))
        {
            _checkpoint = through;
            ProjectionMetrics.Applied(pending[^1].At);
            return true;
        }

        // Someone else moved the checkpoint (a rebuild, an older activation): take theirs; what it covers is skipped.
        StreamingLog.ProjectionCheckpointMoved(logger, _partition, _checkpoint);
        _checkpoint = await reports.ReadReportCheckpointAsync(_partition);
        LoseTrack();
        return false;
    }
}
