using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AccountGrains.Client.Tests.Support;
using Grpc.Core;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Client.Tests;

/// <summary>A call without a deadline gets the default timeout; a caller's deadline wins; cancellation ends the call.</summary>
public sealed class ClientDeadlineTests : IAsyncLifetime
{
    // Generous: the machine is shared, and the check is only that the call ends near its deadline, not forever later.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    private ScriptedServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Call_WithoutADeadline_CarriesTheDefaultFiveSeconds()
    {
        using var client = _server.Client();

        var before = DateTime.UtcNow;
        await client.VerifyAsync("alice", Action.Login);
        var after = DateTime.UtcNow;

        var deadline = Assert.Single(_server.Script.Seen).Deadline;
        Assert.InRange(deadline, before + TimeSpan.FromSeconds(5) - Slack, after + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Call_WithNoDefaultTimeout_HasNoDeadline()
    {
        using var client = _server.Client(o => o.DefaultTimeout = null);

        await client.VerifyAsync("alice", Action.Login);

        Assert.Equal(DateTime.MaxValue, Assert.Single(_server.Script.Seen).Deadline);
    }

    [Fact]
    public async Task Call_ToAHangingServer_EndsAtTheDefaultTimeout()
    {
        _server.Script.Hang = true;
        using var client = _server.Client(o => o.DefaultTimeout = TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        await Refused.WithAsync(StatusCode.DeadlineExceeded, () => client.GetAccountAsync("alice"));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(300) + Slack);
    }

    [Fact]
    public async Task Call_WithTheCallersDeadline_UsesItInsteadOfTheDefault()
    {
        _server.Script.Hang = true;
        using var client = _server.Client(o => o.DefaultTimeout = TimeSpan.FromSeconds(30));
        var deadline = DateTimeOffset.UtcNow.AddMilliseconds(400);

        var clock = Stopwatch.StartNew();
        await Refused.WithAsync(StatusCode.DeadlineExceeded, () => client.VerifyAsync("alice", Action.Login, deadline: deadline));

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(400) + Slack, $"took {clock.Elapsed}");
        Assert.InRange(Assert.Single(_server.Script.Seen).Deadline, deadline.UtcDateTime - Slack, deadline.UtcDateTime.AddMilliseconds(50));
    }

    [Fact]
    public async Task Call_WithADeadlineAlreadyPassed_IsDeadlineExceededWithoutReachingTheServer()
    {
        using var client = _server.Client();

        await Refused.WithAsync(StatusCode.DeadlineExceeded, () =>
            client.VerifyAsync("alice", Action.Login, deadline: DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1)));

        Assert.Empty(_server.Script.Seen);
    }

    [Fact]
    public async Task Retries_NeverOutlastTheDeadline()
    {
        _server.Script.RefuseFirst = int.MaxValue;
        using var client = _server.Client(o => o.Retry = new AccountIntegrityRetryOptions
        {
            MaxAttempts = 5,
            InitialBackoff = TimeSpan.FromSeconds(30),
            MaxBackoff = TimeSpan.FromSeconds(30),
        });

        var clock = Stopwatch.StartNew();
        // Each backoff is random up to 30 s: the deadline, not the attempt count, ends the call.
        await Refused.WithAsync(StatusCode.DeadlineExceeded, () => client.VerifyAsync("alice", Action.Login, deadline: DateTimeOffset.UtcNow.AddMilliseconds(500)));

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500) + Slack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Call_ToAPortNobodyListensOn_IsUnavailableLongBeforeTheDeadline()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new AccountIntegrityClient(new AccountIntegrityClientOptions
        {
            Address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")),
            DefaultTimeout = TimeSpan.FromSeconds(20),
            Retry = new AccountIntegrityRetryOptions { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) },
        });

        var clock = Stopwatch.StartNew();
        await Refused.WithAsync(StatusCode.Unavailable, () => client.VerifyAsync("alice", Action.Login));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Call_WhenCancelled_IsCancelled()
    {
        _server.Script.Hang = true;
        using var client = _server.Client();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Refused.WithAsync(StatusCode.Cancelled, () => client.VerifyAsync("alice", Action.Login, cancellationToken: cancel.Token));
    }
}
