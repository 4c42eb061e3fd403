using AccountGrains.Storage.Reports;

namespace AccountGrains.Streaming.Reporting;

/// <summary>The reporting projection's checkpoints, so a partition's receiver starts no earlier than the projection needs.</summary>
internal sealed class ReportCheckpoints(IReportStore reports) : IAccountEventStreamCheckpoints
{
    public ValueTask<long> AppliedThroughAsync(int partition, CancellationToken cancellationToken) =>
        reports.ReadReportCheckpointAsync(partition, cancellationToken);
}
