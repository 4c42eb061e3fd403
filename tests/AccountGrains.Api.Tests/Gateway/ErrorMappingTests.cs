using AccountGrains.Abstractions;
using AccountGrains.Api.Tests.Support;
using AccountGrains.Gateway;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime.Messaging;

namespace AccountGrains.Api.Tests.Gateway;

/// <summary>What each failure of a grain call becomes (CallErrors, here through ClusterAdmin's interceptor), and the server's default deadline.</summary>
public sealed class ErrorMappingTests
{
    public static TheoryData<string, StatusCode> Failures => new()
    {
        { "refused:InvalidArgument", StatusCode.InvalidArgument },
        { "refused:NotFound", StatusCode.NotFound },
        { "refused:FailedPrecondition", StatusCode.FailedPrecondition },
        { "refused:ResourceExhausted", StatusCode.ResourceExhausted },
        { "refused:PermissionDenied", StatusCode.PermissionDenied },
        { "unavailable", StatusCode.Unavailable },
        { "conflict", StatusCode.Aborted },
        { "silo-unavailable", StatusCode.Unavailable },
        { "message-rejected", StatusCode.Unavailable },
        { "connection-failed", StatusCode.Unavailable },
        { "timeout", StatusCode.Unavailable },
        { "cancelled-by-silo", StatusCode.Unavailable },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task GrainFailure_IsMappedToItsStatus(string failure, StatusCode expected)
    {
        var error = await Refused.WithAsync(expected, () => Intercept(new FakeCallContext(DateTime.UtcNow.AddMinutes(1)), (_, _) => throw Exception(failure)));

        Assert.False(string.IsNullOrEmpty(error.Status.Detail));
    }

    [Fact]
    public async Task Refusal_KeepsTheGrainsMessage()
    {
        var error = await Refused.WithAsync(StatusCode.FailedPrecondition, () => Intercept(new FakeCallContext(DateTime.UtcNow.AddMinutes(1)), (_, _) => throw new AccountRefusedException(RefusalCode.FailedPrecondition, "No badge to revoke.")));

        Assert.Equal("No badge to revoke.", error.Status.Detail);
    }

    [Fact]
    public async Task UnexpectedException_IsLeftToGrpcDotnet()
    {
        // grpc-dotnet turns it into UNKNOWN without its text (unless detailed errors are on) and logs it.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Intercept(new FakeCallContext(DateTime.UtcNow.AddMinutes(1)), (_, _) => throw new InvalidOperationException("secret detail")));

        Assert.Equal("secret detail", error.Message);
    }

    [Fact]
    public async Task Timeout_AfterTheCallersDeadline_IsDeadlineExceeded() =>
        await Refused.WithAsync(StatusCode.DeadlineExceeded, () => Intercept(new FakeCallContext(DateTime.UtcNow.AddSeconds(-1)), (_, _) => throw new TimeoutException()));

    [Fact]
    public async Task CallWithoutADeadline_WhoseGrainCallTimesOut_IsDeadlineExceeded() =>
        await Refused.WithAsync(StatusCode.DeadlineExceeded, () => Intercept(new FakeCallContext(DateTime.MaxValue), (_, _) => throw new TimeoutException()));

    [Fact]
    public async Task CallWithoutADeadline_CancelledByTheClient_IsCancelled()
    {
        using var client = new CancellationTokenSource();
        var context = new FakeCallContext(DateTime.MaxValue, client.Token);

        await Refused.WithAsync(StatusCode.Cancelled, () => Intercept(context, async (_, call) =>
        {
            await client.CancelAsync();
            await Task.Delay(Timeout.Infinite, call.CancellationToken);
            return "never";
        }));
    }

    private static Task<string> Intercept(FakeCallContext context, UnaryServerMethod<string, string> handler)
    {
        var interceptor = new ErrorMappingInterceptor(new CallErrors(NullLogger<CallErrors>.Instance));
        return interceptor.UnaryServerHandler("request", context, handler);
    }

    private static Exception Exception(string failure) => failure switch
    {
        _ when failure.StartsWith("refused:", StringComparison.Ordinal) => new AccountRefusedException(Enum.Parse<RefusalCode>(failure[8..]), "refused"),
        "unavailable" => new AccountUnavailableException("The store is unreachable."),
        "conflict" => new AccountConflictException("conflict"),
        "silo-unavailable" => new SiloUnavailableException(),
        "message-rejected" => new GatewayTooBusyException(),
        "connection-failed" => new ConnectionFailedException("refused"),
        "timeout" => new TimeoutException(),
        "cancelled-by-silo" => new OperationCanceledException(),
        _ => throw new ArgumentOutOfRangeException(nameof(failure)),
    };

    /// <summary>A call's context as grpc-dotnet gives one to an interceptor, over a plain HttpContext.</summary>
    private sealed class FakeCallContext(DateTime deadline, CancellationToken token = default) : ServerCallContext
    {
        private readonly Dictionary<object, object> _state = [];

        public HttpContext HttpContext { get; } = new DefaultHttpContext();

        protected override string MethodCore => "/accountgrains.v1.AccountIntegrity/Verify";

        protected override string HostCore => "127.0.0.1";

        protected override string PeerCore => "ipv4:127.0.0.1:1";

        protected override DateTime DeadlineCore => deadline;

        protected override Metadata RequestHeadersCore { get; } = [];

        protected override CancellationToken CancellationTokenCore => token;

        protected override Metadata ResponseTrailersCore { get; } = [];

        protected override Status StatusCore { get; set; }

        protected override WriteOptions? WriteOptionsCore { get; set; }

        protected override AuthContext AuthContextCore => new(null, []);

        protected override IDictionary<object, object> UserStateCore
        {
            get
            {
                _state["__HttpContext"] = HttpContext;
                return _state;
            }
        }

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
