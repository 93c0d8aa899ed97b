using System.Net;
using System.Net.Http.Json;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Signing;

/// <summary>
/// Asks Directory's internal endpoint (like <see cref="PasswordCheck"/>) whether a NIK is the one on
/// record for the signer: a signer gives BSrE only their own NIK. The NIK is never stored here.
/// </summary>
public sealed class NikCheck(IHttpClientFactory http, IConfiguration configuration, InternalKey internalKey)
{
    /// <summary>Throws unless <paramref name="nik"/> is the NIK Directory records for the user.</summary>
    public async Task RequireOwnAsync(Guid userId, string nik, CancellationToken ct)
    {
        var baseUrl = configuration["Internal:DirectoryUrl"] ?? "http://127.0.0.1:5101";
        using var client = http.CreateClient(nameof(NikCheck));
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl.TrimEnd('/') + "/internal/auth/check-nik")
        {
            Content = JsonContent.Create(new { userId, nik }),
        };
        internalKey.AddTo(request);
        Answer answer;
        try
        {
            using var response = await client.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw Unavailable();
            }

            answer = await response.Content.ReadFromJsonAsync<Answer>(ct) ?? throw Unavailable();
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException)
        {
            throw Unavailable();
        }

        if (!answer.Registered)
        {
            throw ProblemException.Conflict("nik-missing",
                "NIK Anda belum tercatat di EOffice; minta administrator mengisinya sebelum menandatangani dengan BSrE. Surat belum ditandatangani.");
        }

        if (!answer.Matches)
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, "nik-not-yours", "NIK bukan milik Anda",
                "NIK yang dimasukkan bukan NIK Anda yang tercatat di EOffice. Surat hanya dapat ditandatangani dengan sertifikat Anda sendiri.",
                new Dictionary<string, string[]> { ["nik"] = ["Bukan NIK Anda."] });
        }
    }

    private static ProblemException Unavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, "identity-unavailable", "Layanan tidak tersedia",
            "NIK Anda tidak dapat diperiksa saat ini, jadi surat belum ditandatangani. Coba lagi sebentar lagi.")
        {
            RetryAfter = TimeSpan.FromSeconds(30),
        };

    private sealed record Answer(bool Registered, bool Matches);
}
