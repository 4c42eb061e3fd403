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
