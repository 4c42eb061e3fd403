using Microsoft.Extensions.Logging;

namespace AccountGrains.Cluster.Diagnostics;

/// <summary>The cluster's log messages; the event ids are stable (2000s: membership, 2100s: directory).</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 2001, EventName = "Joined", Level = LogLevel.Information, Message = "Silo {SiloId} joined the cluster as generation {Generation} (heartbeat {Heartbeat}, lease {Lease})")]
    public static partial void Joined(ILogger logger, string siloId, long generation, TimeSpan heartbeat, TimeSpan lease);

    [LoggerMessage(EventId = 2002, EventName = "RenewalFailed", Level = LogLevel.Warning, Message = "Silo {SiloId} could not renew its lease; it fences itself if this lasts")]
    public static partial void RenewalFailed(ILogger logger, Exception exception, string siloId);

    [LoggerMessage(EventId = 2003, EventName = "Fenced", Level = LogLevel.Error, Message = "Silo {SiloId} cannot prove its lease is fresh: fenced, refusing every call and dropping its {Count} activations without writing")]
    public static partial void Fenced(ILogger logger, string siloId, int count);

    [LoggerMessage(EventId = 2004, EventName = "Unfenced", Level = LogLevel.Information, Message = "Silo {SiloId} renewed its lease again and serves grains (each re-claimed on its next activation)")]
    public static partial void Unfenced(ILogger logger, string siloId);

    [LoggerMessage(EventId = 2005, EventName = "DeclaredDead", Level = LogLevel.Critical, Message = "Silo {SiloId} generation {Generation} is dead in the membership table; stopping the process with exit code {ExitCode} (a new process joins as a new generation)")]
    public static partial void DeclaredDead(ILogger logger, string siloId, long generation, int exitCode);

    [LoggerMessage(EventId = 2006, EventName = "Leaving", Level = LogLevel.Information, Message = "Silo {SiloId} is leaving the cluster")]
    public static partial void Leaving(ILogger logger, string siloId);

    [LoggerMessage(EventId = 2007, EventName = "Left", Level = LogLevel.Information, Message = "Silo {SiloId} left the cluster; its grains may be claimed at once")]
    public static partial void Left(ILogger logger, string siloId);

    [LoggerMessage(EventId = 2008, EventName = "LeaveSkipped", Level = LogLevel.Warning, Message = "Silo {SiloId} stopped without recording a graceful leave ({Why}); its grains are claimable once its lease expires")]
    public static partial void LeaveSkipped(ILogger logger, string siloId, string why);

    [LoggerMessage(EventId = 2009, EventName = "LeaveFailed", Level = LogLevel.Warning, Message = "Silo {SiloId} could not record its leave; its grains are claimable once its lease expires")]
    public static partial void LeaveFailed(ILogger logger, Exception exception, string siloId);

    [LoggerMessage(EventId = 2010, EventName = "SweepFailed", Level = LogLevel.Error, Message = "Silo {SiloId} could not drop its activations after fencing; trying again")]
    public static partial void SweepFailed(ILogger logger, Exception exception, string siloId);
}
