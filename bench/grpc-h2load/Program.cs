using System.Net;
using AccountGrains.Grpc;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release -- [barePort=5101] [grpcPort=5102]
// Two separate Kestrel servers, both HTTP/2 cleartext on 127.0.0.1, so the bare one carries no routing or gRPC code.
var barePort = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5101;
var grpcPort = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5102;

// What the gRPC Echo answers to the bench's request: a framed StringValue("hello").
byte[] fixedBody = [0, 0, 0, 0, 7, 0x0a, 5, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o'];

var bare = WebApplication.CreateSlimBuilder();
bare.Logging.ClearProviders();
bare.WebHost.UseKestrel(k => k.ListenGrpcCleartext(IPAddress.Loopback, barePort));
var bareApp = bare.Build();
bareApp.Run(context =>
{
    context.Response.ContentType = "application/grpc";
    return context.Response.Body.WriteAsync(fixedBody).AsTask();
});

var grpc = WebApplication.CreateSlimBuilder();
grpc.Logging.ClearProviders();
grpc.WebHost.UseKestrel(k => k.ListenGrpcCleartext(IPAddress.Loopback, grpcPort));
grpc.Services.AddGrpcService(new EchoService());
var grpcApp = grpc.Build();
grpcApp.MapGrpcServices();

await bareApp.StartAsync();
await grpcApp.StartAsync();
Console.WriteLine($"ready bare=http://127.0.0.1:{barePort} grpc=http://127.0.0.1:{grpcPort}/bench.Echo/Echo");

// Ctrl+C or SIGTERM (run.sh's kill) stops both hosts.
await Task.WhenAny(bareApp.WaitForShutdownAsync(), grpcApp.WaitForShutdownAsync());
await grpcApp.StopAsync();
await bareApp.StopAsync();

/// <summary>The trivial unary method: returns its request.</summary>
internal sealed class EchoService : IGrpcService
{
    private static readonly Method<StringValue, StringValue> Echo = new(MethodType.Unary, "bench.Echo", "Echo");

    public void Bind(GrpcServiceBuilder builder) => builder.AddUnary(Echo, static (request, _) => Task.FromResult(request));
}
