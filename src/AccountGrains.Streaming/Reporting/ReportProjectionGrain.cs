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
    private IGrainTimer? _retry;
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
        _checkpoint = await reports.ReadReportCheckpointAsync(_partition);
        _caughtUp = false;
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
            await CatchUpAsync(item.Position - 1);
            while (item.Position > _checkpoint && !await ApplyAsync([item]))
            {
                await CatchUpAsync(item.Position - 1);
            }
        }
        catch (Exception e) when (e is StoreUnavailableException or TimeoutException)
        {
            // Not thrown back to the pulling agent (its redelivery backs off for up to a minute, then drops the event):
            // the event is in the log, so a timer catches up from there, and so does the next event.
            _caughtUp = false;
            StreamingLog.ProjectionApplyFailed(logger, e, _partition, item.Position);
            _retry ??= this.RegisterGrainTimer(RetryAsync, new GrainTimerCreationOptions(RetryDelay, RetryDelay) { Interleave = false });
        }
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
            _caughtUp = false;
            StreamingLog.ProjectionApplyFailed(logger, e, _partition, _checkpoint);
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        _caughtUp = false;
        return Task.CompletedTask;
    }

    /// <summary>Applies the partition's events in (checkpoint, <paramref name="through"/>] from the log, page by page.</summary>
    private async Task CatchUpAsync(long through)
    {
        if (_caughtUp && through <= _checkpoint)
        {
            return;
        }

        var log = new PartitionLog(events, _partition, _options.PartitionCount, _options.ReadPageSize);
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
            return true;
        }

        // Someone else moved the checkpoint (a rebuild, an older activation): take theirs; what it covers is skipped.
        StreamingLog.ProjectionCheckpointMoved(logger, _partition, _checkpoint);
        _checkpoint = await reports.ReadReportCheckpointAsync(_partition);
        _caughtUp = false;
        return false;
    }
}
