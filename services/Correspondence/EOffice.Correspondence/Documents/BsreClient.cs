using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Documents;

/// <summary>
/// <c>Signing:Bsre</c>: the agency's BSrE Esign Client Service (base URL, the client's Basic-auth
/// credentials, and how long one call may take before signing gives up with a 503).
/// </summary>
public sealed class BsreSettings
{
    /// <summary>The client service's base address, e.g. <c>http://esign.internal.example:8080</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The Basic-auth user of the client service.</summary>
    public string? ClientId { get; set; }

    /// <summary>The Basic-auth password of the client service.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How long one call may take (the unit's number is held meanwhile).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads <c>Signing:Bsre</c>; a missing base URL or credentials stops the service at start.</summary>
    public static BsreSettings FromConfiguration(IConfiguration configuration)
    {
        var settings = configuration.GetSection("Signing:Bsre").Get<BsreSettings>() ?? new BsreSettings();
        if (string.IsNullOrWhiteSpace(settings.BaseUrl) || !Uri.TryCreate(settings.BaseUrl, UriKind.Absolute, out _)
            || string.IsNullOrWhiteSpace(settings.ClientId) || string.IsNullOrWhiteSpace(settings.ClientSecret))
        {
            throw new InvalidOperationException(
                "Signing:Provider is Bsre but Signing:Bsre:BaseUrl, ClientId and ClientSecret are not all set "
                + "(Signing__Bsre__BaseUrl, Signing__Bsre__ClientId, Signing__Bsre__ClientSecret).");
        }

        if (settings.Timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Signing:Bsre:Timeout must be positive, e.g. 00:00:30.");
        }

        return settings;
    }

    /// <summary>Sets the typed client's address, Basic auth and timeout.</summary>
    public void Apply(HttpClient client)
    {
        client.BaseAddress = new Uri(BaseUrl!.TrimEnd('/') + "/");
        client.Timeout = Timeout;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")));
    }
}

/// <summary>What BSrE says about a signer's NIK.</summary>
public enum BsreSignerStatus
{
    /// <summary>Registered, with a certificate that can sign (<c>ISSUE</c>).</summary>
    Active,

    /// <summary>Not registered with BSrE.</summary>
    NotRegistered,

    /// <summary>Registered, but the certificate has expired, is suspended or revoked.</summary>
    CertificateInactive,
}

/// <summary>
/// The Esign Client Service v2 HTTP API of BSrE (Balai Sertifikasi Elektronik, BSSN) as agencies'
/// integrations use it: <c>POST api/v2/user/check/status</c> <c>{ nik }</c> and <c>POST api/v2/sign/pdf</c>
/// <c>{ nik, passphrase, signatureProperties: [{ tampilan, reason, location }], file: [base64] }</c> →
/// <c>{ file: [base64] }</c>; a refusal is a 4xx with <c>{ error, status_code }</c>. Every failure becomes a
/// problem in Indonesian: the caller's (wrong passphrase, NIK not registered, certificate expired) a 4xx,
/// the service's (down, slow, 5xx, our own credentials refused) a 503 with Retry-After.
/// </summary>
public sealed class BsreClient(HttpClient http, ILogger<BsreClient> logger)
{
    // BSrE's status codes for refusals (status_code in the error body).
    internal const int WrongPassphrase = 2031;
    internal const int NikNotRegistered = 1110;
    internal const int CertificateExpired = 2051;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What BSrE knows about <paramref name="nik"/>.</summary>
    public async Task<BsreSignerStatus> StatusAsync(string nik, CancellationToken ct)
    {
        using var response = await SendAsync("api/v2/user/check/status", new { nik }, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return BsreSignerStatus.NotRegistered;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await RefusedAsync(response, ct);
        }

        var body = await ReadAsync<StatusResponse>(response, ct);
        return (body.Status?.ToUpperInvariant(), body.StatusCode) switch
        {
            ("ISSUE", _) => BsreSignerStatus.Active,
            (_, NikNotRegistered) or ("NOT_REGISTERED", _) => BsreSignerStatus.NotRegistered,
            _ => BsreSignerStatus.CertificateInactive,
        };
    }

    /// <summary>The PDF signed by the signer's certificate (PAdES, invisible signature).</summary>
    public async Task<byte[]> SignPdfAsync(byte[] pdf, SignerCredentials signer, string reason, string location, CancellationToken ct)
    {
        var request = new SignPdfRequest(signer.Nik, signer.Passphrase, [new SignatureProperties("INVISIBLE", reason, location)], [Convert.ToBase64String(pdf)]);
        using var response = await SendAsync("api/v2/sign/pdf", request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await RefusedAsync(response, ct);
        }

        var body = await ReadAsync<SignPdfResponse>(response, ct);
        if (body.File is not [var signed] || string.IsNullOrEmpty(signed))
        {
            throw Unavailable("BSrE tidak mengembalikan dokumen yang ditandatangani.");
        }

        try
        {
            return Convert.FromBase64String(signed);
        }
        catch (FormatException)
        {
            throw Unavailable("BSrE mengembalikan dokumen yang tidak dapat dibaca.");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string path, object body, CancellationToken ct)
    {
        try
        {
            return await http.PostAsJsonAsync(path, body, Json, ct);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("BSrE did not answer {Path} within {Timeout}", path, http.Timeout);
            throw Unavailable($"BSrE tidak menjawab dalam {(int)http.Timeout.TotalSeconds} detik.");
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "BSrE cannot be reached at {Path}", path);
            throw Unavailable("Layanan BSrE tidak dapat dihubungi.");
        }
    }

    private async Task<ProblemException> RefusedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        ErrorResponse? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync<ErrorResponse>(Json, ct);
        }
        catch (JsonException)
        {
        }
        catch (NotSupportedException)
        {
        }

        logger.LogWarning("BSrE answered {Status} with status_code {Code}: {Error}", status, error?.StatusCode, error?.Error);
        if (status >= 500 || status == 429)
        {
            return Unavailable($"BSrE sedang tidak dapat melayani (HTTP {status}).");
        }

        var text = error?.Error ?? "";
        if (error?.StatusCode == WrongPassphrase || text.Contains("passphrase", StringComparison.OrdinalIgnoreCase))
        {
            return new ProblemException(StatusCodes.Status400BadRequest, "wrong-passphrase", "Passphrase salah",
                "Passphrase yang Anda masukkan salah. Surat belum ditandatangani dan tidak mendapat nomor.",
                new Dictionary<string, string[]> { ["passphrase"] = ["Passphrase salah."] });
        }

        if (error?.StatusCode == NikNotRegistered || status == 404 || text.Contains("tidak terdaftar", StringComparison.OrdinalIgnoreCase))
        {
            return NotRegistered();
        }

        if (error?.StatusCode == CertificateExpired || text.Contains("expired", StringComparison.OrdinalIgnoreCase)
            || text.Contains("kedaluwarsa", StringComparison.OrdinalIgnoreCase))
        {
            return CertificateInactive();
        }

        if (status is 401 or 403 && error?.StatusCode is null)
        {
            // Our own client credentials were refused: the agency's configuration, not the signer's doing.
            logger.LogError("BSrE refused the client credentials (Signing:Bsre:ClientId/ClientSecret)");
            return Unavailable("Aplikasi ini tidak diterima oleh layanan BSrE (kredensial klien).");
        }

        return ProblemException.Conflict("signature-refused",
            $"BSrE menolak penandatanganan{(text.Length > 0 ? $": {text}" : "")}. Surat belum ditandatangani dan tidak mendapat nomor.");
    }

    /// <summary>409: the signer's NIK is not registered with BSrE.</summary>
    internal static ProblemException NotRegistered() =>
        ProblemException.Conflict("nik-not-registered",
            "NIK Anda belum terdaftar sebagai pemilik sertifikat elektronik di BSrE. Daftarkan diri melalui pengelola TTE instansi; surat belum ditandatangani.");

    /// <summary>409: the signer's certificate cannot sign (expired, suspended or revoked).</summary>
    internal static ProblemException CertificateInactive() =>
        ProblemException.Conflict("certificate-expired",
            "Sertifikat elektronik Anda di BSrE sudah kedaluwarsa atau tidak aktif. Perbarui melalui pengelola TTE instansi; surat belum ditandatangani.");

    private static ProblemException Unavailable(string detail) => SignatureProblems.Unavailable(detail);

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, ct) ?? throw Unavailable("Jawaban BSrE kosong.");
        }
        catch (JsonException)
        {
            throw Unavailable("Jawaban BSrE tidak dapat dibaca.");
        }
    }

    private sealed record SignPdfRequest(
        string Nik, string Passphrase, IReadOnlyList<SignatureProperties> SignatureProperties, IReadOnlyList<string> File);

    private sealed record SignatureProperties(string Tampilan, string Reason, string Location);

    private sealed record SignPdfResponse(IReadOnlyList<string>? File);

    private sealed record StatusResponse(
        [property: JsonPropertyName("status_code")] int? StatusCode, string? Status, string? Message);

    private sealed record ErrorResponse(string? Error, [property: JsonPropertyName("status_code")] int? StatusCode);
}
