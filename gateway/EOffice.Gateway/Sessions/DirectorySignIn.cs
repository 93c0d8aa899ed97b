using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace EOffice.Gateway.Sessions;

/// <summary>What Directory answers to a sign-in or a refresh: the tokens and the user (kept as Directory wrote it).</summary>
public sealed record TokenSet(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, JsonElement User);

/// <summary>How a refresh ended.</summary>
public enum RefreshOutcome
{
    /// <summary>New tokens.</summary>
    Refreshed,

    /// <summary>Directory refused the refresh token (expired, revoked, reused, user deactivated): the session is over.</summary>
    Refused,

    /// <summary>Directory could not be asked (down, timed out): try again on a later request.</summary>
    Unavailable,
}

/// <summary>
/// The gateway's calls to Directory on a web session's behalf: sign-in, refresh, sign-out. Directory is reached
/// at a destination of the proxy's own <c>directory</c> cluster (healthy ones first), so it needs no address of
/// its own. A refresh is made once per refresh token: requests that arrive together with the same expiring
/// session share it (Directory treats a refresh token used twice as stolen and ends every session of the user).
/// </summary>
public sealed partial class DirectorySignIn(IHttpClientFactory clients, IProxyStateLookup proxy, TimeProvider clock, ILogger<DirectorySignIn> logger)
{
    /// <summary>The name of the HTTP client.</summary>
    public const string Client = "directory-sign-in";

    // Kept for a while after they finish, for requests that still carry the cookie from before the refresh.
    private static readonly TimeSpan RefreshMemory = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, (Lazy<Task<(RefreshOutcome, TokenSet?)>> Task, DateTimeOffset Started)> _refreshes = new(StringComparer.Ordinal);

    /// <summary>Signs in at Directory; a refusal is relayed as Directory worded it.</summary>
    public async Task<(TokenSet? Tokens, HttpResponseMessage Response)> SignInAsync(object credentials, string clientAddress, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Address("/api/auth/login")) { Content = JsonContent.Create(credentials) };
        // Directory throttles wrong passwords per address: it must see the browser's, as it does through the proxy.
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", clientAddress);
        var response = await clients.CreateClient(Client).SendAsync(request, ct);
        return response.IsSuccessStatusCode ? (await ReadAsync(response, ct), response) : (null, response);
    }

    /// <summary>Exchanges a refresh token for new tokens, once per refresh token.</summary>
    public async Task<(RefreshOutcome Outcome, TokenSet? Tokens)> RefreshAsync(string refreshToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
        var now = clock.GetUtcNow();
        foreach (var (old, entry) in _refreshes)
        {
            if (entry.Task.IsValueCreated && entry.Task.Value.IsCompleted && now - entry.Started > RefreshMemory)
            {
                _refreshes.TryRemove(old, out _);
            }
        }

        // GetOrAdd may run its factory more than once when requests race; only the Lazy that is stored ever runs.
        var shared = _refreshes.GetOrAdd(key, _ => (new Lazy<Task<(RefreshOutcome, TokenSet?)>>(() => RefreshCoreAsync(refreshToken)), now));
        var result = await shared.Task.Value;
        if (result.Item1 == RefreshOutcome.Unavailable)
        {
            _refreshes.TryRemove(key, out _);
        }

        return result;
    }

    /// <summary>Revokes a refresh token at sign-out (best effort: the cookie is deleted whatever Directory says).</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken ct)
    {
        try
        {
            using var response = await clients.CreateClient(Client).PostAsJsonAsync(Address("/api/auth/logout"), new { refreshToken }, ct);
            if (!response.IsSuccessStatusCode)
            {
                LogRevokeRefused(logger, (int)response.StatusCode);
            }
        }
        catch (HttpRequestException e)
        {
            LogUnavailable(logger, e);
        }
    }

    private async Task<(RefreshOutcome, TokenSet?)> RefreshCoreAsync(string refreshToken)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await clients.CreateClient(Client).PostAsJsonAsync(Address("/api/auth/refresh"), new { refreshToken }, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return (RefreshOutcome.Refreshed, await ReadAsync(response, timeout.Token));
            }

            return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest
                ? (RefreshOutcome.Refused, null)
                : (RefreshOutcome.Unavailable, null);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            LogUnavailable(logger, e);
            return (RefreshOutcome.Unavailable, null);
        }
    }

    private async Task<TokenSet> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return new TokenSet(
            body.GetProperty("accessToken").GetString()!,
            body.GetProperty("refreshToken").GetString()!,
            clock.GetUtcNow().AddSeconds(body.GetProperty("expiresIn").GetInt32()),
            body.GetProperty("user").Clone());
    }

    private Uri Address(string path)
    {
        var cluster = proxy.TryGetCluster("directory", out var found) ? found : null;
        var destinations = cluster?.DestinationsState?.AvailableDestinations is { Count: > 0 } available
            ? available
            : cluster?.Destinations.Values.ToList() ?? [];
        var destination = destinations.Count > 0 ? destinations[Random.Shared.Next(destinations.Count)] : null;
        var address = destination?.Model.Config.Address
            ?? throw new InvalidOperationException("The gateway has no destination for the directory cluster.");
        return new Uri(new Uri(address.TrimEnd('/') + "/"), path.TrimStart('/'));
    }

    [LoggerMessage(LogLevel.Warning, "Directory could not be asked on a web session's behalf")]
    private static partial void LogUnavailable(ILogger logger, Exception e);

    [LoggerMessage(LogLevel.Warning, "Directory refused to revoke a web session's refresh token ({Status})")]
    private static partial void LogRevokeRefused(ILogger logger, int status);
}
