using System.Net;
using System.Net.Http.Json;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Documents;

/// <summary>
/// The kop surat of an agency, read from Directory's internal endpoint when a letter is printed
/// (<c>Internal:DirectoryUrl</c>, with <c>Internal:Key</c>). None stored: null, and the letter gets the default kop
/// made from the org chart. Directory not answering: a preview gets the default kop (after two seconds), but the
/// official letter is never signed under a kop that is not the agency's — signing answers 503 (after ten seconds)
/// and, rolled back, takes no number.
/// </summary>
public sealed class LetterheadSource(IHttpClientFactory http, IConfiguration configuration, InternalKey internalKey, ILogger<LetterheadSource> logger)
{
    private sealed record Answer(string[] Lines, string Address, string? Phone, string? Email, string? Website, byte[]? Logo);

    /// <summary>The agency's stored letterhead, or null; <paramref name="forSigning"/>: Directory must answer.</summary>
    public async Task<Letterhead?> FindAsync(Guid agencyUnitId, bool forSigning, CancellationToken ct)
    {
        var baseUrl = configuration["Internal:DirectoryUrl"] ?? "http://127.0.0.1:5101";
        using var client = http.CreateClient(nameof(LetterheadSource));
        client.Timeout = TimeSpan.FromSeconds(forSigning ? 10 : 2);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl.TrimEnd('/')}/internal/org/units/{agencyUnitId}/letterhead");
        internalKey.AddTo(request);
        try
        {
            using var response = await client.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            var a = await response.Content.ReadFromJsonAsync<Answer>(ct);
            return a is null ? null : new Letterhead(a.Lines, a.Address, a.Phone, a.Email, a.Website) { Logo = a.Logo };
        }
        catch (Exception e) when (forSigning && e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "The letterhead of unit {UnitId} could not be read from Directory; signing is refused.", agencyUnitId);
            throw new ProblemException(StatusCodes.Status503ServiceUnavailable, "letterhead-unavailable", "Kop surat tidak dapat dibaca",
                "Kop surat instansi tidak dapat dibaca dari layanan direktori. Surat belum ditandatangani dan tidak mendapat nomor; coba lagi nanti.")
            {
                RetryAfter = TimeSpan.FromSeconds(10),
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            logger.LogWarning(e, "The letterhead of unit {UnitId} could not be read from Directory; the default kop is printed.", agencyUnitId);
            return null;
        }
    }
}
