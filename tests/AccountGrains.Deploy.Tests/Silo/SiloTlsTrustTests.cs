using System.Security.Cryptography.X509Certificates;
using AccountGrains.Deploy.Tests.Support;
using AccountGrains.Silo.Orleans;

namespace AccountGrains.Deploy.Tests.Silo;

/// <summary>Which peers a TLS silo accepts, from the files a kubernetes.io/tls Secret mounts.</summary>
public sealed class SiloTlsTrustTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("accountgrains-tls-trust-").FullName;

    [Fact]
    public void WithACa_PeersIssuedByThatCaAreTrusted_OthersNot()
    {
        using var ca = TestCertificates.Authority("cluster-ca");
        using var otherCa = TestCertificates.Authority("other-ca");
        using var silo = TestCertificates.IssuedBy(ca, "silo-a");
        using var peer = TestCertificates.IssuedBy(ca, "silo-b");
        using var stranger = TestCertificates.IssuedBy(otherCa, "silo-b");
        var (crt, key, caPath) = TestCertificates.WritePem(silo, _folder, ca);

        var (certificate, trust) = SiloTls.Load(new SiloTlsOptions { CertificatePath = crt, KeyPath = key, CaPath = caPath });

        Assert.True(certificate.HasPrivateKey);
        Assert.True(SiloTls.IsTrusted(peer, null, trust));
        Assert.True(SiloTls.IsTrusted(silo, null, trust));
        Assert.False(SiloTls.IsTrusted(stranger, null, trust));
        Assert.False(SiloTls.IsTrusted(TestCertificates.SelfSigned("silo-b"), null, trust));
    }

    [Fact]
    public void WithoutACa_OnlyTheSharedSelfSignedCertificateIsTrusted_AndNotOnceExpired()
    {
        using var shared = TestCertificates.SelfSigned("cluster");
        using var expired = TestCertificates.SelfSigned("cluster", notAfter: DateTimeOffset.UtcNow.AddMinutes(-1));
        var (crt, key, _) = TestCertificates.WritePem(shared, _folder);

        var (_, trust) = SiloTls.Load(new SiloTlsOptions { CertificatePath = crt, KeyPath = key });

        Assert.True(SiloTls.IsTrusted(X509CertificateLoader.LoadCertificate(shared.RawData), null, trust));
        Assert.False(SiloTls.IsTrusted(TestCertificates.SelfSigned("cluster"), null, trust));

        var (oldCrt, oldKey, _) = TestCertificates.WritePem(expired, Path.Combine(_folder, "expired"));
        var (_, expiredTrust) = SiloTls.Load(new SiloTlsOptions { CertificatePath = oldCrt, KeyPath = oldKey });
        Assert.False(SiloTls.IsTrusted(expired, null, expiredTrust));
    }

    [Fact]
    public void ACaIssuedCertificateWithoutCaPath_OrAMissingFile_IsRefusedAtStart_NamingTheSetting()
    {
        using var ca = TestCertificates.Authority("cluster-ca");
        using var silo = TestCertificates.IssuedBy(ca, "silo-a");
        var (crt, key, _) = TestCertificates.WritePem(silo, _folder);

        var noCa = Assert.Throws<InvalidOperationException>(() => SiloTls.Load(new SiloTlsOptions { CertificatePath = crt, KeyPath = key }));
        Assert.Contains("AccountGrains:Cluster:Tls:CaPath", noCa.Message, StringComparison.Ordinal);

        var noKey = Assert.Throws<InvalidOperationException>(() => SiloTls.Load(new SiloTlsOptions { CertificatePath = crt }));
        Assert.Contains("AccountGrains:Cluster:Tls:KeyPath", noKey.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<FileNotFoundException>(() => SiloTls.Load(new SiloTlsOptions { CertificatePath = crt + ".gone", KeyPath = key }));
        Assert.Contains("AccountGrains:Cluster:Tls:CertificatePath", missing.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
