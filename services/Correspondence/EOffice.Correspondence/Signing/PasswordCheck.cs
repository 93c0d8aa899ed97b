using System.Net;
using System.Net.Http.Json;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Signing;

/// <summary>
/// Re-confirms a signer's password with Directory's internal endpoint: no password is ever stored
/// here. Directory unreachable → 503, and nothing is signed.
/// </summary>
public sealed class PasswordCheck(IHttpClientFactory http, IConfiguration configuration)
{
    /// <summary>Whether the password is the user's.</summary>
    public async Task<bool> IsValidAsync(Guid userId, string password, CancellationToken ct)
    {
        var baseUrl = configuration["Internal:DirectoryUrl"] ?? "http://127.0.0.1:5101";
        using var client = http.CreateClient(nameof(PasswordCheck));
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl.TrimEnd('/') + "/internal/auth/verify-password")
        {
            Content = JsonContent.Create(new { userId, password }),
        };
        request.Headers.Add(InternalKey.Header, configuration["Internal:Key"] ?? "");
        try
        {
            using var response = await client.SendAsync(request, ct);
            return response.StatusCode switch
            {
                HttpStatusCode.NoContent or HttpStatusCode.OK => true,
                HttpStatusCode.Unauthorized or HttpStatusCode.NotFound => false,
                _ => throw Unavailable(),
            };
        }
        catch (HttpRequestException)
        {
            throw Unavailable();
        }
    }

    private static ProblemException Unavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, "identity-unavailable", "Service unavailable",
            "Your password cannot be confirmed right now, so the letter was not signed. Try again shortly.");
}
