namespace AccountGrains.Streaming.Reporting;

/// <summary>The reporting projection's consumer of one partition (key: the partition number, as the stream's key).</summary>
public interface IReportProjectionGrain : IGrainWithStringKey
{
    /// <summary>Applies every event of the partition committed so far (read from the log) and returns the checkpoint reached.</summary>
    Task<long> CatchUp();
}
