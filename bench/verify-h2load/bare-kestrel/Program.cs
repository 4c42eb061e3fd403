using System.Globalization;
using System.Net;
using AccountGrains.Contracts.V1;
using Google.Protobuf;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// Usage: AccountGrains.Bench.BareKestrel <port>. HTTP/2 cleartext (prior knowledge) on 127.0.0.1.
var port = int.Parse(args[0], CultureInfo.InvariantCulture);

// The reply a never-seen account gets from Verify, as one gRPC frame: flag 0, 4-byte big-endian length, message.
var message = new VerifyReply { Decision = Decision.Allow }.ToByteArray();
var frame = new byte[5 + message.Length];
frame[4] = checked((byte)message.Length);
message.CopyTo(frame, 5);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
var app = builder.Build();
app.Run(context =>
{
    context.Response.ContentType = "application/grpc";
    context.Response.AppendTrailer("grpc-status", "0");
    return context.Response.Body.WriteAsync(frame).AsTask();
});
await app.StartAsync();
Console.WriteLine($"ready http://127.0.0.1:{port}");
await app.WaitForShutdownAsync();
