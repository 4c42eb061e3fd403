using AccountGrains.Testing;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using AccountGrains.Abstractions;
using AccountGrains.Deploy.Tests.Support;
using AccountGrains.Silo.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Deploy.Tests.Silo;

/// <summary>
/// One silo process (single-silo mode) with Orleans TLS configured as the chart configures it: PEM files of one
/// throwaway self-signed certificate, named by <c>AccountGrains__Cluster__Tls__*</c>. Tests connect Orleans clients to
/// its gateway port with and without that certificate.
/// </summary>
public sealed class TlsSilo : IAsyncLifetime
{
    private const string ServiceId = "accountgrains-tls-tests";
    private readonly string _clusterId = "tls-" + Guid.NewGuid().ToString("N")[..8];
    private SiloProcess? _silo;

    public X509Certificate2 Certificate { get; } = TestCertificates.SelfSigned("accountgrains-cluster");

    public int GatewayPort { get; } = SiloProcess.FreePort();

    public string Output => _silo?.Output ?? "";

    public async Task InitializeAsync()
    {
        var folder = Directory.CreateTempSubdirectory("accountgrains-tls-").FullName;
        var (crt, key, _) = TestCertificates.WritePem(Certificate, folder);
        _silo = SiloProcess.Start(
            ["--urls", "http://127.0.0.1:0"],
            [
                new("Orleans__Endpoints__SiloPort", SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture)),
                new("Orleans__Endpoints__GatewayPort", GatewayPort.ToString(CultureInfo.InvariantCulture)),
                new("Orleans__ServiceId", ServiceId),
                new("Orleans__ClusterId", _clusterId),
                new("AccountGrains__Cluster__Tls__CertificatePath", crt),
                new("AccountGrains__Cluster__Tls__KeyPath", key),
            ]);
        await _silo.ListeningAsync();
    }

    /// <summary>
    /// Starts an Orleans client on the silo's gateway port: with TLS presenting <paramref name="certificate"/> and
    /// trusting only the cluster's certificate, or in plaintext when it is null. Throws when the silo refuses it.
    /// </summary>
    public async Task<IHost> ConnectAsync(X509Certificate2? certificate)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(GatewayPort, ServiceId, _clusterId);

            // No retry: a refused connection fails StartAsync with the refusal rather than retrying until the deadline.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            if (certificate is not null)
            {
                var trust = new X509Certificate2Collection { X509CertificateLoader.LoadCertificate(Certificate.RawData) };
                client.UseTls(certificate, tls => tls.RemoteCertificateValidation = (remote, chain, _) => SiloTls.IsTrusted(remote, chain, trust));
            }
        });
        var host = builder.Build();
        using var connect = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await host.StartAsync(connect.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>A grain call through the client: Orleans messages crossed the gateway connection both ways.</summary>
    public static async Task<AccountPosture> CallAsync(IHost client) =>
        await client.Services.GetRequiredService<IClusterClient>().GetGrain<IAccountGrain>("tls-" + Guid.NewGuid().ToString("N")[..6])
            .GetAccount(new Caller("tls-test", CallerRole.Admin));

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        Certificate.Dispose();
    }
}
