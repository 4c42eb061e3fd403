using AccountGrains.Grpc.Tests.Fixtures;
using Grpc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Grpc.Tests.Interop;

/// <summary>
/// Hosts the interop TestService with health and reflection on a real Kestrel (HTTP/2 cleartext, 127.0.0.1, a free
/// port). Reusable by any client test: point a client at <see cref="Address"/>.
/// </summary>
public sealed class InteropServerFixture : IAsyncLifetime
{
    private GrpcServerHost? _host;

    /// <summary>The server's HTTP/2 address, <c>http://127.0.0.1:port</c>.</summary>
    public Uri Address => Host.Address;

    /// <summary>The server's port.</summary>
    public int Port => Host.Port;

    /// <summary>The running host.</summary>
    public GrpcServerHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The health service, to change statuses during a test.</summary>
    public HealthService Health => Host.Services.GetRequiredService<HealthService>();

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _host = await GrpcServerHost.StartAsync(services => services
            .AddGrpcService<TestServiceImpl>()
            .AddGrpcHealthChecks()
            .AddGrpcReflection(TestReflection.Descriptor));

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
