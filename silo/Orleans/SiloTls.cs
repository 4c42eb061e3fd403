using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace AccountGrains.Silo.Orleans;

/// <summary>
/// Mutual TLS on Orleans' silo-to-silo and client-gateway ports (Microsoft.Orleans.Connections.Security), from PEM
/// files such as a mounted <c>kubernetes.io/tls</c> Secret. Off unless <see cref="CertificatePath"/> is set.
/// </summary>
/// <remarks>
/// Every peer, silo or Orleans client, must present a certificate: one issued by <see cref="CaPath"/>'s CA, or, without
/// a CA, the very certificate this silo holds (one self-signed certificate shared by the cluster). Host names are not
/// checked: silos reach each other by pod IP, which no certificate names; holding the cluster's key is the identity.
/// </remarks>
internal sealed class SiloTlsOptions
{
    public const string Section = "AccountGrains:Cluster:Tls";

    /// <summary>The PEM certificate (<c>tls.crt</c>); the first certificate in the file is this silo's.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key (<c>tls.key</c>).</summary>
    public string? KeyPath { get; set; }

    /// <summary>Optional PEM CA bundle (<c>ca.crt</c>) that peers' certificates must chain to.</summary>
    public string? CaPath { get; set; }

    /// <summary>The longest a TLS handshake may take.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(CertificatePath);
}

/// <summary>Reads <see cref="SiloTlsOptions"/>, loads the files once at start and applies Orleans' TLS.</summary>
internal static class SiloTls
{
    public static void Apply(ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(SiloTlsOptions.Section).Get<SiloTlsOptions>() ?? new SiloTlsOptions();
        if (!options.IsEnabled)
        {
            return;
        }

        var (certificate, trust) = Load(options);
        silo.UseTls(certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.HandshakeTimeout = options.HandshakeTimeout;
            tls.RemoteCertificateValidation = (remote, presented, _) => IsTrusted(remote, presented, trust);
        });
    }

    /// <summary>The silo's certificate with its key, and the roots a peer's certificate must chain to. Throws naming the bad setting.</summary>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Trust) Load(SiloTlsOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.KeyPath))
        {
            throw new InvalidOperationException($"{SiloTlsOptions.Section}:CertificatePath is set without {SiloTlsOptions.Section}:KeyPath.");
        }

        if (options.HandshakeTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SiloTlsOptions.Section}:HandshakeTimeout must be positive.");
        }

        Require(options.CertificatePath!, "CertificatePath");
        Require(options.KeyPath, "KeyPath");
        var certificate = X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath);
        var trust = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(options.CaPath))
        {
            Require(options.CaPath, "CaPath");
            trust.ImportFromPemFile(options.CaPath);
        }
        else if (certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
        {
            trust.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
        }
        else
        {
            throw new InvalidOperationException($"{SiloTlsOptions.Section}:CertificatePath holds a CA-issued certificate: set {SiloTlsOptions.Section}:CaPath to the CA bundle (ca.crt) peers must chain to.");
        }

        return (certificate, trust);
    }

    /// <summary>True when <paramref name="remote"/> chains to one of <paramref name="trust"/> and is in its validity period.</summary>
    public static bool IsTrusted(X509Certificate2 remote, X509Chain? presented, X509Certificate2Collection trust)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(remote);
    }

    private static void Require(string path, string key)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{SiloTlsOptions.Section}:{key} names a file that does not exist.", path);
        }
    }
}
