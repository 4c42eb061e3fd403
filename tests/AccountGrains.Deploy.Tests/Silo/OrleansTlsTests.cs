using AccountGrains.Deploy.Tests.Support;
using Orleans.Runtime.Messaging;

namespace AccountGrains.Deploy.Tests.Silo;

/// <summary>
/// Orleans TLS as the chart switches it on: an Orleans client holding the cluster's certificate calls a grain over
/// the silo's TLS gateway port; a plaintext client and a client with another certificate are refused, and the silo
/// goes on serving.
/// </summary>
public sealed class OrleansTlsTests(TlsSilo silo) : IClassFixture<TlsSilo>
{
    [Fact]
    public async Task ClientWithTheClustersCertificate_CallsAGrain_OverTls()
    {
        using var client = await silo.ConnectAsync(silo.Certificate);
        var account = await TlsSilo.CallAsync(client);
        Assert.Equal(0L, account.Version);
        await client.StopAsync();
    }

    [Fact]
    public async Task PlaintextClient_IsRefused_AndTheSiloGoesOnServingTls()
    {
        await Assert.ThrowsAsync<ConnectionFailedException>(() => silo.ConnectAsync(certificate: null));

        using var client = await silo.ConnectAsync(silo.Certificate);
        await TlsSilo.CallAsync(client);
        await client.StopAsync();
    }

    [Fact]
    public async Task ClientWithAnotherCertificate_IsRefused()
    {
        using var stranger = TestCertificates.SelfSigned("accountgrains-cluster");
        await Assert.ThrowsAsync<ConnectionFailedException>(() => silo.ConnectAsync(stranger));

    }
}
