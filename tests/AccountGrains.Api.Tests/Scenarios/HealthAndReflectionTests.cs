using AccountGrains.Api.Tests.Support;
using Grpc.Health.V1;
using Grpc.Reflection.V1;

namespace AccountGrains.Api.Tests.Scenarios;

/// <summary>grpc.health.v1 from the ASP.NET Core health checks, and server reflection: open to probes and tools, no credential.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class HealthAndReflectionTests(ApiSilo silo)
{
    [Theory]
    [InlineData("")]
    [InlineData("accountgrains.v1.AccountIntegrity")]
    [InlineData("accountgrains.v1.ClusterAdmin")]
    public async Task Check_OnAServingSilo_IsServing(string service)
    {
        var reply = await new Health.HealthClient(silo.Channel).CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(30));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Check_OfAnUnknownService_IsNotFound() =>
        await Refused.WithAsync(StatusCode.NotFound, async () => await new Health.HealthClient(silo.Channel).CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }, deadline: DateTime.UtcNow.AddSeconds(30)));

    [Fact]
    public async Task Reflection_ListsThePublicServicesAndDescribesThem()
    {
        using var call = new ServerReflection.ServerReflectionClient(silo.Channel).ServerReflectionInfo(deadline: DateTime.UtcNow.AddSeconds(30));
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "accountgrains.v1.AccountIntegrity" });
        await call.RequestStream.CompleteAsync();
        var replies = await call.ResponseStream.ReadAllAsync().ToListAsync();

        var names = replies[0].ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("accountgrains.v1.AccountIntegrity", names);
        Assert.Contains("accountgrains.v1.ClusterAdmin", names);
        Assert.Contains("grpc.health.v1.Health", names);
        var file = Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(replies[1].FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("accountgrains/v1/account_integrity.proto", file.Name);
    }
}
