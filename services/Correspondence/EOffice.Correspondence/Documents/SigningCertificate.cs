using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EOffice.Correspondence.Documents;

/// <summary>
/// The Local provider's certificate and key: <c>Signing:Local:CertificatePath</c> (PKCS#12, with
/// <c>Signing:Local:CertificatePassword</c>) or <c>Signing:Local:CertificatePemPath</c> +
/// <c>Signing:Local:KeyPemPath</c>. With none configured, Development and Testing get a self-signed one
/// made at start; any other environment refuses to start, since letters signed by a throwaway key
/// cannot be trusted later.
/// </summary>
public sealed class SigningCertificate
{
    private readonly Func<(X509Certificate2 Certificate, X509Certificate2Collection Chain)>? _read;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private (X509Certificate2 Certificate, X509Certificate2Collection Chain)? _loaded;

    private SigningCertificate(Func<(X509Certificate2, X509Certificate2Collection)>? read, (X509Certificate2, X509Certificate2Collection)? loaded, ILogger logger)
    {
        _read = read;
        _loaded = loaded;
        _logger = logger;
    }

    /// <summary>
    /// The signer's certificate with its private key and the issuers shipped with it. A file that cannot be read
    /// is read again at the next signing (fixing it needs no restart); meanwhile signing answers 503 with the reason.
    /// </summary>
    public (X509Certificate2 Certificate, X509Certificate2Collection Chain) Current()
    {
        lock (_gate)
        {
            if (_loaded is { } loaded)
            {
                return loaded;
            }

            try
            {
                _loaded = _read!();
                return _loaded.Value;
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                _logger.LogError(e, "The signing certificate cannot be read; letters cannot be signed until it is fixed.");
                throw SignatureProblems.Unavailable($"Sertifikat penanda tangan tidak dapat dibaca ({e.Message}).");
            }
        }
    }

    /// <summary>Reads the configured certificate (or makes a development one).</summary>
    public static SigningCertificate FromConfiguration(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        var section = configuration.GetSection("Signing:Local");
        var p12 = section["CertificatePath"];
        var pem = section["CertificatePemPath"];
        var lenient = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        if (string.IsNullOrWhiteSpace(p12) && string.IsNullOrWhiteSpace(pem))
        {
            if (!lenient)
            {
                throw new InvalidOperationException(
                    "Signing:Local:CertificatePath is not set: letters would be signed with a throwaway key nobody can check later. "
                    + "Set Signing__Local__CertificatePath (a PKCS#12 file) and Signing__Local__CertificatePassword, or "
                    + $"Signing__Local__CertificatePemPath and Signing__Local__KeyPemPath; the {environment.EnvironmentName} environment refuses to start without one.");
            }

            logger.LogWarning("No signing certificate configured (Signing:Local:CertificatePath); letters are signed with a self-signed development certificate made at start.");
            return new SigningCertificate(null, (SelfSigned(), []), logger);
        }

        var password = section["CertificatePassword"];
        var key = section["KeyPemPath"];
        var certificate = new SigningCertificate(() => string.IsNullOrWhiteSpace(p12) ? (X509Certificate2.CreateFromPemFile(pem!, key), []) : Pkcs12(p12, password), null, logger);
        try
        {
            certificate.Current();
        }
        catch (EOffice.ServiceDefaults.Http.ProblemException)
        {
            // Start anyway: reading, drafting and verifying work; signing answers 503 until the file is fixed.
        }

        return certificate;
    }

    private static (X509Certificate2, X509Certificate2Collection) Pkcs12(string path, string? password)
    {
        var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        var signer = all.FirstOrDefault(c => c.HasPrivateKey) ?? throw new CryptographicException($"{Path.GetFileName(path)} holds no private key");
        return (signer, new X509Certificate2Collection(all.Where(c => !ReferenceEquals(c, signer)).ToArray()));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(3072);
        var request = new CertificateRequest("CN=EOffice Development Signer, O=EOffice, C=ID", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        // A certificate is valid on the machine's real clock, whatever time the service is told it is.
        var now = TimeProvider.System.GetUtcNow();
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
    }
}

/// <summary>Reads the signing certificate at start-up.</summary>
internal sealed class SigningCertificateCheck(SigningCertificate certificate) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(certificate);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
