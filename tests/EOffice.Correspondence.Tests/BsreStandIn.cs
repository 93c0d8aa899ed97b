using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using EOffice.Correspondence.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EOffice.Correspondence.Tests;

/// <summary>How the stand-in answers <c>/api/v2/sign/pdf</c>.</summary>
public enum BsreSignMode
{
    /// <summary>Signs.</summary>
    Sign,

    /// <summary>503, as when the service is down for maintenance.</summary>
    Unavailable,

    /// <summary>500, as when the service fails.</summary>
    Error,

    /// <summary>Answers only after <see cref="BsreStandIn.Delay"/> (longer than the client's timeout).</summary>
    Slow,
}

/// <summary>
/// A stand-in for an agency's BSrE Esign Client Service v2 on 127.0.0.1 (a free port): Basic auth,
/// <c>POST /api/v2/user/check/status</c>, <c>/api/v2/sign/pdf</c> and <c>/api/v2/verify/pdf</c> in the
/// request and response shapes agencies' integrations use. It knows registered NIKs with their
/// passphrases; each signer gets a certificate issued by a test CA it makes, and signing is PAdES
/// (the project's own PAdES signer with that certificate). It can be told to fail.
/// </summary>
public sealed class BsreStandIn : IAsyncDisposable
{
    public const string ClientId = "eoffice-uji";
    public const string ClientSecret = "rahasia-klien-uji";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, Signer> _signers = new(StringComparer.Ordinal);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"eoffice-bsre-{Guid.NewGuid():N}");
    private readonly RSA _caKey = RSA.Create(2048);
    private WebApplication _app = null!;
    private int _signCalls;

    private BsreStandIn()
    {
        var request = new CertificateRequest("CN=BSrE Uji Root CA, O=Balai Sertifikasi Elektronik (uji), C=ID", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddYears(5));
        System.IO.Directory.CreateDirectory(_directory);
    }

    /// <summary>The stand-in's base address.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The test CA every signer's certificate comes from.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>How <c>/api/v2/sign/pdf</c> answers now.</summary>
    public BsreSignMode SignMode { get; set; } = BsreSignMode.Sign;

    /// <summary>How long a <see cref="BsreSignMode.Slow"/> answer takes.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How many sign requests reached the stand-in.</summary>
    public int SignCalls => Volatile.Read(ref _signCalls);

    /// <summary>Starts the stand-in on a free loopback port.</summary>
    public static async Task<BsreStandIn> StartAsync()
    {
        var standIn = new BsreStandIn();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = standIn._app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (!standIn.IsClient(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"esign\"";
                return;
            }

            await next(context);
        });
        app.MapPost("/api/v2/user/check/status", (StatusRequest r) => Results.Json(standIn.Status(r.Nik), Json));
        app.MapPost("/api/v2/sign/pdf", standIn.SignAsync);
        app.MapPost("/api/v2/verify/pdf", (VerifyRequest r) => Results.Json(Verify(r.File), Json));
        await app.StartAsync();
        standIn.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return standIn;
    }

    /// <summary>Registers a signer: their NIK, passphrase and name (the certificate's CN); <paramref name="expired"/> makes their certificate expired.</summary>
    public void Register(string nik, string passphrase, string name, bool expired = false)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O=Pemerintah Kota Depok, C=ID", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        var from = expired ? DateTimeOffset.UtcNow.AddYears(-2) : DateTimeOffset.UtcNow.AddDays(-1);
        using var issued = request.Create(Ca, from, expired ? DateTimeOffset.UtcNow.AddDays(-1) : DateTimeOffset.UtcNow.AddYears(1), RandomNumberGenerator.GetBytes(12));
        using var withKey = issued.CopyWithPrivateKey(key);
        var path = Path.Combine(_directory, nik + ".p12");
        var bundle = new X509Certificate2Collection { withKey, X509CertificateLoader.LoadCertificate(Ca.RawData) };
        File.WriteAllBytes(path, bundle.Export(X509ContentType.Pkcs12, passphrase)!);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Signing:Local:CertificatePath"] = path,
            ["Signing:Local:CertificatePassword"] = passphrase,
        }).Build();
        var certificate = SigningCertificate.FromConfiguration(configuration, new TestingEnvironment(), NullLogger.Instance);
        _signers[nik] = new Signer(passphrase, new LocalSignatureProvider(certificate), expired);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stopping.Token);
        }

        await _app.DisposeAsync();
        _caKey.Dispose();
        Ca.Dispose();
        System.IO.Directory.Delete(_directory, recursive: true);
    }

    private bool IsClient(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])) == $"{ClientId}:{ClientSecret}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private object Status(string? nik) => nik is not null && _signers.TryGetValue(nik, out var s)
        ? s.Expired
            ? new { status_code = 1112, status = "EXPIRED", message = "Sertifikat sudah kedaluwarsa" }
            : new { status_code = 1111, status = "ISSUE", message = "Sertifikat aktif" }
        : new { status_code = 1110, status = "NOT_REGISTERED", message = "NIK tidak terdaftar" };

    private async Task<IResult> SignAsync(SignRequest r, CancellationToken ct)
    {
        Interlocked.Increment(ref _signCalls);
        switch (SignMode)
        {
            case BsreSignMode.Unavailable:
                return Results.Json(new { error = "Service Unavailable", status_code = 503 }, Json, statusCode: 503);
            case BsreSignMode.Error:
                return Results.Json(new { error = "Internal Server Error", status_code = 500 }, Json, statusCode: 500);
            case BsreSignMode.Slow:
                await Task.Delay(Delay, ct);
                break;
        }

        if (r.SignatureProperties is not [{ Tampilan: "INVISIBLE" or "VISIBLE" } properties] || r.File is not [var file])
        {
            return Error(400, 2000, "Parameter tidak lengkap");
        }

        if (r.Nik is null || !_signers.TryGetValue(r.Nik, out var signer))
        {
            return Error(400, 1110, "NIK tidak terdaftar");
        }

        if (r.Passphrase != signer.Passphrase)
        {
            return Error(400, 2031, "Passphrase anda salah");
        }

        if (signer.Expired)
        {
            return Error(400, 2051, "Sertifikat sudah expired");
        }

        var pdf = Convert.FromBase64String(file);
        var signed = await signer.Provider.SignAsync(pdf, new DocumentSignature("", properties.Reason ?? "", properties.Location ?? "", DateTimeOffset.UtcNow), ct);
        return Results.Json(new { file = new[] { Convert.ToBase64String(signed) } }, Json);
    }

    private static IResult Error(int status, int code, string error) => Results.Json(new { error, status_code = code }, Json, statusCode: status);

    // The last signature of the PDF: its CMS over the signed byte range, checked (signature and certificate chain to the test CA are not both required here).
    private static object Verify(string? file)
    {
        var pdf = Convert.FromBase64String(file ?? "");
        var text = Encoding.Latin1.GetString(pdf);
        var at = text.LastIndexOf("/ByteRange", StringComparison.Ordinal);
        if (at < 0)
        {
            return new { conclusion = "NO_SIGNATURE", signatureInformations = Array.Empty<object>() };
        }

        var open = text.IndexOf('[', at);
        var range = text[(open + 1)..text.IndexOf(']', open)].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        var content = pdf.AsSpan((int)range[0], (int)range[1]).ToArray().Concat(pdf.AsSpan((int)range[2], (int)range[3]).ToArray()).ToArray();
        var hex = text[((int)range[1] + 1)..((int)range[2] - 1)].TrimEnd('0');
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        try
        {
            cms.Decode(Convert.FromHexString(hex.Length % 2 == 0 ? hex : hex + "0"));
            cms.CheckSignature(verifySignatureOnly: true);
            var signer = cms.SignerInfos[0].Certificate!;
            return new
            {
                conclusion = "VALID",
                signatureInformations = new[] { new { signerName = signer.GetNameInfo(X509NameType.SimpleName, false), issuerName = signer.Issuer } },
            };
        }
        catch (CryptographicException)
        {
            return new { conclusion = "INVALID", signatureInformations = Array.Empty<object>() };
        }
    }

    private sealed record Signer(string Passphrase, LocalSignatureProvider Provider, bool Expired);

    private sealed record StatusRequest(string? Nik);

    private sealed record SignatureProperties(string? Tampilan, string? Reason, string? Location);

    private sealed record SignRequest(string? Nik, string? Passphrase, IReadOnlyList<SignatureProperties>? SignatureProperties, IReadOnlyList<string>? File);

    private sealed record VerifyRequest(string? File);

    private sealed class TestingEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "BsreStandIn";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
