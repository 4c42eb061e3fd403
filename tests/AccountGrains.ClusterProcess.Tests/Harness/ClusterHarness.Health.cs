using Grpc.Core;
using Grpc.Health.V1;

namespace AccountGrains.ClusterProcess.Tests.Harness;

/// <summary>Readiness the way a load balancer sees it: grpc.health.v1 on the silo's gRPC port.</summary>
internal sealed partial class ClusterHarness
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(45);

    /// <summary>The overall health of the slot's silo ("" service), with a 2 s deadline.</summary>
    public async Task<HealthCheckResponse.Types.ServingStatus> HealthAsync(int slot)
    {
        var reply = await new Health.HealthClient(_healthChannels[slot]).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
        return reply.Status;
    }

    /// <summary>
    /// Waits until every silo's membership lists every running silo as active: before that, silos route by different
    /// views of the cluster. Logs how long it took.
    /// </summary>
    public async Task WaitUntilFormedAsync()
    {
        var start = ClusterClock.Now;
        var last = "no answer yet";
        while (ClusterClock.Now - start < ReadyWithin)
        {
            var slots = ServingSlots;
            try
            {
                var views = await Task.WhenAll(slots.Select(ListSilosAsync));
                var active = views.Select(v => v.Silos.Count(s => s.Status == AccountGrains.Contracts.V1.SiloStatus.Active)).ToList();
                if (active.All(n => n == slots.Count))
                {
                    _log.WriteLine($"cluster of {slots.Count} formed at {ClusterClock.Now.TotalSeconds:F1}s (+{(ClusterClock.Now - start).TotalSeconds:F1}s after the last silo was SERVING)");
                    return;
                }

                last = "active silos seen: " + string.Join(", ", active);
            }
            catch (RpcException e)
            {
                last = $"{e.StatusCode} '{e.Status.Detail}'";
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"The cluster did not form within {ReadyWithin.TotalSeconds:F0}s ({last}).");
    }

    /// <summary>Polls health until SERVING; throws when the process exits or <see cref="ReadyWithin"/> passes.</summary>
    private async Task WaitUntilServingAsync(int slot, SiloNode node)
    {
        var start = ClusterClock.Now;
        var last = "no answer yet";
        while (ClusterClock.Now - start < ReadyWithin)
        {
            if (node.HasExited)
            {
                throw new InvalidOperationException($"{node.Name} exited with {node.ExitCode} before it was SERVING ({last}):\n{node.Output}");
            }

            try
            {
                var status = await HealthAsync(slot);
                if (status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }

                last = status.ToString();
            }
            catch (RpcException e)
            {
                last = $"{e.StatusCode} '{e.Status.Detail}'";
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"{node.Name} was not SERVING within {ReadyWithin.TotalSeconds:F0}s (last: {last}):\n{node.Output}");
    }
}
