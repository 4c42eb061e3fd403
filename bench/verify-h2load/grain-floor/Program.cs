using System.Globalization;
using System.Net;
using AccountGrains.Abstractions;
using AccountGrains.Bench.TrivialGrain;
using AccountGrains.Contracts.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// Usage: AccountGrains.Bench.GrainFloor <grpcPort> <siloPort> <gatewayPort>. HTTP/2 cleartext on 127.0.0.1;
// the silo's ports are passed in so the bench never collides with silos other processes run on Orleans' defaults.
var grpcPort = int.Parse(args[0], CultureInfo.InvariantCulture);
var siloPort = int.Parse(args[1], CultureInfo.InvariantCulture);
var gatewayPort = int.Parse(args[2], CultureInfo.InvariantCulture);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, grpcPort, l => l.Protocols = HttpProtocols.Http2));
builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort, gatewayPort));
builder.Services.AddGrpc();
var app = builder.Build();
app.MapGrpcService<TrivialGrainVerify>();
await app.StartAsync();
Console.WriteLine($"ready http://127.0.0.1:{grpcPort}");
await app.WaitForShutdownAsync();

/// <summary>Verify as the gateway shapes it (request to grain call with the call's token, result to reply), on a
/// grain that does nothing.</summary>
internal sealed class TrivialGrainVerify(IGrainFactory grains) : AccountIntegrity.AccountIntegrityBase
{
    public override async Task<VerifyReply> Verify(VerifyRequest request, ServerCallContext context)
    {
        var grain = grains.GetGrain<ITrivialAccountGrain>(request.AccountId);
        var result = await grain.Verify((VerifyAction)request.Action, request.DeviceId, context.CancellationToken);
        return new VerifyReply
        {
            Decision = result.Decision switch
            {
                VerifyDecision.Allow => Decision.Allow,
                VerifyDecision.Challenge => Decision.Challenge,
                _ => Decision.Deny,
            },
            Version = result.Version,
        };
    }
}
