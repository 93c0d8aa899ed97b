using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Contracts;
using EOffice.ServiceDefaults.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;

namespace EOffice.ServiceDefaults.Http;

/// <summary>
/// The one way a service calls Directory's internal endpoints (<c>Internal:DirectoryUrl</c>, with <c>Internal:Key</c>):
/// the password re-confirmation, the NIK check, an agency's letterhead and the org snapshot. Through
/// <see cref="IHttpClientFactory"/> with the standard resilience handler (timeouts, a circuit breaker, and retries
/// for reads only — a password check counts toward the account's throttle and is never sent twice). Any failure to
/// get an answer — refused, timed out, circuit open, a 5xx — is a <see cref="DirectoryUnavailableException"/>, which
/// each caller turns into its own 503.
/// </summary>
public sealed class DirectoryClient(IHttpClientFactory http, InternalKey internalKey)
{
    /// <summary>The name of the configured <see cref="HttpClient"/>.</summary>
    public const string Name = "directory";

    /// <summary>The address used when <c>Internal:DirectoryUrl</c> is not set (the local run's Directory port).</summary>
    public const string DefaultUrl = "http://127.0.0.1:5101";

    /// <summary>Directory's verdict on a password: accepted, refused, or throttled (its 429 as it came).</summary>
    public async Task<PasswordVerdict> VerifyPasswordAsync(Guid userId, string password, string clientAddress, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, "/internal/auth/verify-password", new { userId, password, clientAddress }, null, ct);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NoContent or HttpStatusCode.OK:
                return new PasswordVerdict(true, null, null, null);
            case HttpStatusCode.Unauthorized or HttpStatusCode.NotFound:
                return new PasswordVerdict(false, null, null, null);
            case HttpStatusCode.TooManyRequests:
                var retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMinutes(1);
                var problem = await ReadAsync<JsonElement?>(response, ct);
                string? Text(string name) => problem is { } p && p.TryGetProperty(name, out var v) ? v.GetString() : null;
                return new PasswordVerdict(false, retryAfter, Text("code"), Text("detail"));
            default:
                throw new DirectoryUnavailableException($"verify-password answered {(int)response.StatusCode}");
        }
    }

    /// <summary>Whether the user has a NIK on record and whether <paramref name="nik"/> is it.</summary>
    public async Task<NikAnswer> CheckNikAsync(Guid userId, string nik, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, "/internal/auth/check-nik", new { userId, nik }, null, ct);
        return response.StatusCode == HttpStatusCode.OK
            ? await ReadAsync<NikAnswer>(response, ct) ?? throw new DirectoryUnavailableException("check-nik answered nothing")
            : throw new DirectoryUnavailableException($"check-nik answered {(int)response.StatusCode}");
    }

    /// <summary>An agency's stored letterhead, or null when it has none; waits at most <paramref name="timeout"/>.</summary>
    public async Task<LetterheadAnswer?> LetterheadAsync(Guid unitId, TimeSpan timeout, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/internal/org/units/{unitId}/letterhead", null, timeout, ct);
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => null,
            HttpStatusCode.OK => await ReadAsync<LetterheadAnswer>(response, ct),
            _ => throw new DirectoryUnavailableException($"letterhead answered {(int)response.StatusCode}"),
        };
    }

    /// <summary>The whole org chart, for a service's first copy.</summary>
    public async Task<OrgSnapshot> SnapshotAsync(CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, "/internal/org/snapshot", null, null, ct);
        return response.StatusCode == HttpStatusCode.OK
            ? await ReadAsync<OrgSnapshot>(response, ct) ?? throw new DirectoryUnavailableException("the snapshot was empty")
            : throw new DirectoryUnavailableException($"snapshot answered {(int)response.StatusCode}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, TimeSpan? timeout, CancellationToken ct)
    {
        var client = http.CreateClient(Name);
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        internalKey.AddTo(request);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout is { } t)
        {
            deadline.CancelAfter(t);
        }

        try
        {
            var response = await client.SendAsync(request, deadline.Token);
            if ((int)response.StatusCode >= 500)
            {
                response.Dispose();
                throw new DirectoryUnavailableException($"{path} answered {(int)response.StatusCode}");
            }

            return response;
        }
        catch (Exception e) when (e is HttpRequestException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException
                                   || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new DirectoryUnavailableException($"{path}: {e.Message}", e);
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, ct);
        }
        catch (JsonException e)
        {
            throw new DirectoryUnavailableException("Directory's answer was not understood", e);
        }
    }
}

/// <summary>Directory's answer to a password re-confirmation; <see cref="RetryAfter"/> set when the account is throttled or locked.</summary>
public sealed record PasswordVerdict(bool Accepted, TimeSpan? RetryAfter, string? Code, string? Detail);

/// <summary>Directory's answer to a NIK check.</summary>
public sealed record NikAnswer(bool Registered, bool Matches);

/// <summary>An agency's letterhead as Directory stores it.</summary>
public sealed record LetterheadAnswer(string[] Lines, string Address, string? Phone, string? Email, string? Website, byte[]? Logo);

/// <summary>Directory gave no usable answer (down, slow, a 5xx, the circuit open).</summary>
public sealed class DirectoryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Registers <see cref="DirectoryClient"/>.</summary>
public static class DirectoryClientExtensions
{
    /// <summary>The client, its key and its resilience: reads retried, writes sent once, every attempt bounded.</summary>
    public static TBuilder AddDirectoryClient<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddInternalKey();
        builder.Services.TryAddSingleton<DirectoryClient>();
        builder.Services.AddHttpClient(DirectoryClient.Name, (sp, c) =>
            {
                var url = sp.GetRequiredService<IConfiguration>()["Internal:DirectoryUrl"] is { Length: > 0 } configured ? configured : DirectoryClient.DefaultUrl;
                c.BaseAddress = new Uri(url.TrimEnd('/') + "/");
                c.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline's timeouts bound each call
            })
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.DisableForUnsafeHttpMethods();
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                // Generous: a busy Directory hashing many signers' passwords at once (PBKDF2, ~80 ms each on 2 cores) must
                // make them wait, not fail; callers that need an answer sooner (the letterhead) pass their own deadline.
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(60);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(120);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(120); // at least twice the attempt timeout
                // Only Directory failing opens the circuit: a locked account's 429 is an answer, not an outage.
                o.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null
                    || args.Outcome.Result is { } r && (int)r.StatusCode >= 500);
            });
        return builder;
    }
}
