using System.Net.Http.Headers;
using System.Text.Json;

namespace EOffice.Disposition.Sheet;

/// <summary>
/// The subject of a secret letter for the sheet. Events never carry it, so it is asked of
/// Correspondence on the caller's own behalf (their bearer token): Correspondence decides whether
/// this person may read it (the disposition chain may). Any failure leaves it hidden.
/// </summary>
public sealed partial class SecretSubject(IHttpClientFactory http, IConfiguration configuration, ILogger<SecretSubject> logger)
{
    /// <summary>The subject, or null when the caller may not read it or Correspondence does not answer.</summary>
    public async Task<string?> ForAsync(Guid letterId, string? authorization, CancellationToken ct)
    {
        var baseUrl = configuration["Internal:CorrespondenceUrl"];
        if (string.IsNullOrEmpty(baseUrl) || !AuthenticationHeaderValue.TryParse(authorization, out var auth) || auth.Scheme != "Bearer")
        {
            return null;
        }

        using var client = http.CreateClient(nameof(SecretSubject));
        client.Timeout = TimeSpan.FromSeconds(5);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl.TrimEnd('/')}/api/letters/{letterId}");
        request.Headers.Authorization = auth;
        try
        {
            using var response = await client.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            return json.RootElement.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            LogUnavailable(logger, letterId, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The subject of secret letter {LetterId} could not be read from Correspondence: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, Guid letterId, string reason);
}
