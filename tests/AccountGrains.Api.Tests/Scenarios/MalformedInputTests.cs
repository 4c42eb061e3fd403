using System.Net;
using System.Net.Http.Headers;
using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using Google.Protobuf;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Api.Tests.Scenarios;

/// <summary>What no well-behaved client sends: each gets its status from grpc-dotnet, and the silo keeps serving.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class MalformedInputTests(ApiSilo silo)
{
    [Fact]
    public async Task Message_LargerThanTheReceiveLimit_IsResourceExhausted()
    {
        var id = ApiSilo.NewAccount("oversize");
        var request = new LockRequest { AccountId = id, Reason = LockReason.PolicyViolation, Note = new string('n', ApiSilo.MaxReceiveMessageSize + 1) };

        await Refused.WithAsync(StatusCode.ResourceExhausted, () => silo.Client("agent").LockAsync(request));

        await AssertStillServingAsync(id);
    }

    [Fact]
    public async Task UnknownMethod_IsUnimplemented()
    {
        var unknown = new Method<VerifyRequest, VerifyReply>(MethodType.Unary, "accountgrains.v1.AccountIntegrity", "Teleport", Marshallers.Create(m => m.ToByteArray(), VerifyRequest.Parser.ParseFrom), Marshallers.Create(m => m.ToByteArray(), VerifyReply.Parser.ParseFrom));
        var invoker = silo.Channel.CreateCallInvoker();

        await Refused.WithAsync(StatusCode.Unimplemented, () => invoker.AsyncUnaryCall(unknown, null, new CallOptions(silo.Keys.HeadersOf("admin"), DateTime.UtcNow.AddSeconds(30)), new VerifyRequest()).ResponseAsync);

        await AssertStillServingAsync(ApiSilo.NewAccount("after-unknown"));
    }

    [Fact]
    public async Task Frame_WhoseLengthPrefixPromisesMoreThanItCarries_IsRefusedWithAStatus()
    {
        // A raw HTTP/2 request: the 5-byte gRPC prefix says 100 bytes follow, then the stream ends after 3.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.Address, "/accountgrains.v1.AccountIntegrity/Verify"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 100, 0x0a, 0x01, 0x61]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("authorization", "Bearer " + silo.Keys.KeyOf("platform"));

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? values.Single() : response.Headers.GetValues("grpc-status").Single();
        Assert.Equal(((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture), status);
        await AssertStillServingAsync(ApiSilo.NewAccount("after-frame"));
    }

    [Fact]
    public async Task Request_ThatIsNotProtobuf_IsRefusedWithAStatus()
    {
        var garbage = new Method<byte[], VerifyReply>(MethodType.Unary, "accountgrains.v1.AccountIntegrity", "Verify", Marshallers.Create<byte[]>(b => b, b => b), Marshallers.Create(m => m.ToByteArray(), VerifyReply.Parser.ParseFrom));

        var error = await Assert.ThrowsAsync<RpcException>(() => silo.Channel.CreateCallInvoker()
            .AsyncUnaryCall(garbage, null, new CallOptions(silo.Keys.HeadersOf("platform"), DateTime.UtcNow.AddSeconds(30)), [0xff, 0xff, 0xff, 0xff]).ResponseAsync);

        Assert.NotEqual(StatusCode.OK, error.StatusCode);
        await AssertStillServingAsync(ApiSilo.NewAccount("after-garbage"));
    }

    [Fact]
    public async Task Call_WithoutADeadline_IsServedUnderTheServersDefault()
    {
        var id = ApiSilo.NewAccount("no-deadline");
        var client = new AccountIntegrity.AccountIntegrityClient(silo.Channel);

        var locked = await client.LockAsync(new LockRequest { AccountId = id, Reason = LockReason.Compromised }, silo.Keys.HeadersOf("agent"));
        var reply = await client.VerifyAsync(new VerifyRequest { AccountId = id, Action = Action.Login }, silo.Keys.HeadersOf("platform"));

        Assert.Equal($"{ApiKeys.NameOf("agent")}/{ApiKeys.AgentOf("agent")}", locked.Account.Locks.Single().PlacedBy);
        Assert.Equal(Decision.Deny, reply.Decision);
    }

    private async Task AssertStillServingAsync(string id)
    {
        var reply = await silo.Client("platform").VerifyAsync(id, Action.Login);
        Assert.Equal(Decision.Allow, reply.Decision);
    }
}
