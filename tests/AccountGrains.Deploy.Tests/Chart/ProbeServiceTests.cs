using AccountGrains.Testing;
using AccountGrains.Deploy.Tests.Support;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace AccountGrains.Deploy.Tests.Chart;

/// <summary>
/// The kubelet's gRPC probes ask the silo's <c>grpc.health.v1</c> for the service names in values.yaml: a running
/// silo process must know each name (an unknown one is NOT_FOUND, and the probe would fail forever) and answer
/// SERVING once it is up.
/// </summary>
public sealed class ProbeServiceTests
{
    [Theory]
    [InlineData("probes.readiness.service")]
    [InlineData("probes.liveness.service")]
    public async Task ProbeService_FromValues_IsRegistered_AndServingOnARunningSilo(string value)
    {
        var service = ChartFiles.Scalar(value);
        await using var silo = SiloProcess.Start(["--urls", "http://127.0.0.1:0"], []);
        var address = await silo.ListeningAsync();
        using var channel = GrpcChannel.ForAddress(address);
        var health = new Health.HealthClient(channel);

        HealthCheckResponse.Types.ServingStatus status = default;
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    status = (await health.CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(5))).Status;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                    Assert.Fail($"the silo registers no grpc.health.v1 service '{service}' ({value})");
                }

                return status == HealthCheckResponse.Types.ServingStatus.Serving;
            },
            $"'{service}' SERVING");
    }
}
