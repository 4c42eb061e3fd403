using System.Globalization;
using AccountGrains.Storage.Reports;
using Microsoft.Extensions.Options;

namespace AccountGrains.Streaming.Reporting;

/// <summary>The reporting projection's maintenance path: rebuild from position zero, or bring every partition up to date.</summary>
public sealed class ReportMaintenance
{
    private readonly IReportStore _reports;
    private readonly IGrainFactory _grains;
    private readonly int _partitionCount;

    /// <summary>Used by dependency injection (<see cref="AccountEventStreamsSiloBuilderExtensions.AddAccountEventStreams"/>).</summary>
    public ReportMaintenance(IReportStore reports, IGrainFactory grains, IOptions<AccountEventStreamOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _reports = reports;
        _grains = grains;
        _partitionCount = options.Value.PartitionCount;
    }

    /// <summary>
    /// Deletes the report and its checkpoints and applies the whole log again, every partition's consumer reading it
    /// from position zero; returns the checkpoint each partition reached. Live events keep flowing meanwhile: a
    /// consumer that finds its checkpoint reset reloads it, so nothing is counted twice.
    /// </summary>
    public async Task<IReadOnlyList<long>> RebuildAsync(CancellationToken cancellationToken = default)
    {
        await _reports.ResetReportAsync(cancellationToken);
        return await CatchUpAsync(cancellationToken);
    }

    /// <summary>Brings every partition's consumer up to the log's end; returns the checkpoint each reached.</summary>
    public async Task<IReadOnlyList<long>> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var partitions = Enumerable.Range(0, _partitionCount)
            .Select(p => _grains.GetGrain<IReportProjectionGrain>(p.ToString(CultureInfo.InvariantCulture)).CatchUp().WaitAsync(cancellationToken));
        return await Task.WhenAll(partitions);
    }
}
