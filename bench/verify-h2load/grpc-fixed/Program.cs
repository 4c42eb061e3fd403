using System.Globalization;
using System.Net;
using AccountGrains.Contracts.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// Usage: AccountGrains.Bench.GrpcFixed <port>. HTTP/2 cleartext (prior knowledge) on 127.0.0.1.
var port = int.Parse(args[0], CultureInfo.InvariantCulture);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
builder.Services.AddGrpc();
var app = builder.Build();
app.MapGrpcService<FixedVerify>();
await app.StartAsync();
Console.WriteLine($"ready http://127.0.0.1:{port}");
await app.WaitForShutdownAsync();

/// <summary>Answers every Verify with what a never-seen account gets; the other methods stay UNIMPLEMENTED.</summary>
internal sealed class FixedVerify : AccountIntegrity.AccountIntegrityBase
{
    private static readonly Task<VerifyReply> Reply = Task.FromResult(new VerifyReply { Decision = Decision.Allow });

    public override Task<VerifyReply> Verify(VerifyRequest request, ServerCallContext context) => Reply;
}
