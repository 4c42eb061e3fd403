using AccountGrains.Storage;
using AccountGrains.Storage.Reports;

namespace AccountGrains.Streaming.Tests.Support;

/// <summary>Appends a generated history and waits for the projection to have applied all of it.</summary>
internal static class HistoryRun
{
    /// <summary>Appends about <paramref name="events"/> events over <paramref name="accounts"/> accounts; returns the last position of each partition.</summary>
    public static async Task<long[]> AppendAsync(IEventStore store, HistoryGenerator history, int events, int accounts, int requestsPerBatch = 40)
    {
        var last = new long[StreamCluster.Partitions];
        var appended = 0;
        while (appended < events)
        {
            var batch = history.Next(requests: requestsPerBatch, accounts);
            var results = await store.AppendBatchAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                Assert.Equal(AppendStatus.Appended, results[i].Status);
                var partition = AccountEventStreams.PartitionOf(batch[i].AccountId, StreamCluster.Partitions);
                last[partition] = Math.Max(last[partition], results[i].LastPosition);
                appended += batch[i].Events.Count;
            }
        }

        return last;
    }

    /// <summary>Waits until every partition's checkpoint has reached <paramref name="last"/>.</summary>
    public static async Task WaitAppliedAsync(IReportStore reports, long[] last)
    {
        for (var p = 0; p < last.Length; p++)
        {
            var partition = p;
            var reached = await Eventually.UntilAsync(() => reports.ReadReportCheckpointAsync(partition).AsTask(), c => c >= last[partition]);
            Assert.Equal(last[partition], reached);
        }
    }

    public static Task<ReportRows> ReadAllAsync(IReportStore reports)
    {
        var (from, to) = HistoryGenerator.Days;
        return reports.ReadReportAsync(from, to).AsTask();
    }
}
