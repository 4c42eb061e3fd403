using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AccountGrains.Deploy.Tests.Support;

/// <summary>Throwaway certificates made in the test (ECDSA P-256), written as PEM files as a kubernetes.io/tls Secret mounts them.</summary>
internal static class TestCertificates
{
    private static readonly OidCollection ServerAndClient = [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")];

    public static X509Certificate2 SelfSigned(string name, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Leaf(name, key);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddHours(-1), notAfter ?? now.AddDays(1));
    }

    public static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddHours(-1), now.AddDays(2));
    }

    public static X509Certificate2 IssuedBy(X509Certificate2 authority, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Leaf(name, key);
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(authority, now.AddHours(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(12));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes tls.crt, tls.key (and ca.crt when given) into <paramref name="folder"/>.</summary>
    public static (string Certificate, string Key, string? Ca) WritePem(X509Certificate2 certificate, string folder, X509Certificate2? authority = null)
    {
        Directory.CreateDirectory(folder);
        var crt = Path.Combine(folder, "tls.crt");
        var key = Path.Combine(folder, "tls.key");
        File.WriteAllText(crt, certificate.ExportCertificatePem());
        File.WriteAllText(key, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        string? ca = null;
        if (authority is not null)
        {
            ca = Path.Combine(folder, "ca.crt");
            File.WriteAllText(ca, authority.ExportCertificatePem());
        }

        return (crt, key, ca);
    }

    private static CertificateRequest Leaf(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ServerAndClient, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, false));
        return request;
    }
}
