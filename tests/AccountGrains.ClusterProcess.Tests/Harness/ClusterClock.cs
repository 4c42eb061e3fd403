using System.Diagnostics;

namespace AccountGrains.ClusterProcess.Tests.Harness;

/// <summary>One monotonic clock for the whole test process: the load's timestamps and the harness's kill times compare.</summary>
internal static class ClusterClock
{
    private static readonly long Origin = Stopwatch.GetTimestamp();

    public static TimeSpan Now => Stopwatch.GetElapsedTime(Origin);
}
