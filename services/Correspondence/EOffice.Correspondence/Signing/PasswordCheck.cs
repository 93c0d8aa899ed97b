using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Signing;

/// <summary>
/// Re-confirms a signer's password with Directory's internal endpoint: no password is ever stored
/// here. Wrong passwords count toward the account's sign-in throttle and lock in Directory; while
/// those hold, signing answers 429 with Directory's reason. Directory unreachable → 503, and
/// nothing is signed.
/// </summary>
public sealed class PasswordCheck(IHttpClientFactory http, IConfiguration configuration, InternalKey internalKey)
{
    /// <summary>Whether the password is the user's; <paramref name="clientAddress"/> is where the user's request came from.</summary>
    public async Task<bool> IsValidAsync(Guid userId, string password, string clientAddress, CancellationToken ct)
    {
        var baseUrl = configuration["Internal:DirectoryUrl"] ?? "http://127.0.0.1:5101";
        using var client = http.CreateClient(nameof(PasswordCheck));
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl.TrimEnd('/') + "/internal/auth/verify-password")
        {
            Content = JsonContent.Create(new { userId, password, clientAddress }),
        };
        internalKey.AddTo(request);
        try
        {
            using var response = await client.SendAsync(request, ct);
            return response.StatusCode switch
            {
                HttpStatusCode.NoContent or HttpStatusCode.OK => true,
                HttpStatusCode.Unauthorized or HttpStatusCode.NotFound => false,
                HttpStatusCode.TooManyRequests => throw await TooManyAttemptsAsync(response, ct),
                _ => throw Unavailable(),
            };
        }
        catch (HttpRequestException)
        {
            throw Unavailable();
        }
    }

    private static async Task<ProblemException> TooManyAttemptsAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMinutes(1);
        string? code = null, detail = null;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            code = problem.TryGetProperty("code", out var c) ? c.GetString() : null;
            detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
        }
        catch (JsonException)
        {
        }

        return code == "account-locked"
            ? ProblemException.TooManyRequests("account-locked", "Account locked",
                (detail ?? "Too many wrong passwords for this account.") + " The letter was not signed.", retryAfter)
            : ProblemException.TooManyRequests("too-many-attempts", "Too many failed attempts",
                $"Too many wrong passwords. Try again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} seconds; the letter was not signed.", retryAfter);
    }

    private static ProblemException Unavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, "identity-unavailable", "Service unavailable",
            "Your password cannot be confirmed right now, so the letter was not signed. Try again shortly.");
}
