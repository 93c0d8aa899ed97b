using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Directory.Tokens;
using EOffice.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EOffice.Gateway.Tests;

public sealed class GatewayTests(GatewayFixture platform) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_demo_user_signs_in_through_the_gateway_and_reads_the_org_chart()
    {
        var token = await platform.TokenAsync("admin@eoffice.local");

        var withToken = await platform.Client.SendAsync(GatewayFixture.Get("/api/org/units", token));
        var without = await platform.Client.SendAsync(GatewayFixture.Get("/api/org/units", null));

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal("PEMKOT", (await withToken.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.Client.GetAsync("/.well-known/jwks.json")).StatusCode);
    }

    [Fact]
    public async Task Tampered_and_expired_tokens_are_refused_at_the_gateway_before_any_service_sees_them()
    {
        var token = await platform.TokenAsync("fajar.nugroho@eoffice.local");
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        var expired = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = GatewayFixture.Issuer,
            Audience = "eoffice",
            IssuedAt = DateTime.UtcNow.AddHours(-2),
            NotBefore = DateTime.UtcNow.AddHours(-2),
            Expires = DateTime.UtcNow.AddMinutes(-5),
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString() },
            SigningCredentials = new SigningCredentials(platform.Directory.Services.GetRequiredService<SigningKeys>().Current, SecurityAlgorithms.EcdsaSha256),
        });
        var seen = platform.EchoRequests.Count;

        foreach (var bad in new[] { tampered, expired })
        {
            var response = await platform.Client.SendAsync(GatewayFixture.Get("/api/records", bad));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(seen, platform.EchoRequests.Count);
    }

    [Fact]
    public async Task Identity_headers_from_clients_are_stripped_and_request_id_and_trace_context_are_passed_on()
    {
        var token = await platform.TokenAsync("fajar.nugroho@eoffice.local");
        using var request = GatewayFixture.Get("/api/records?q=x", token);
        request.Headers.Add("X-User-Id", "00000000-0000-0000-0000-000000000001");
        request.Headers.Add("X-User-Roles", "admin");
        request.Headers.Add("X-EOffice-Internal-Key", "guess");
        request.Headers.Add("X-Request-Id", "req-4711");

        var response = await platform.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        Assert.NotNull(forwarded);
        Assert.DoesNotContain(forwarded.Keys, k => k.StartsWith("X-User", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(forwarded.Keys, k => k.Equals("X-EOffice-Internal-Key", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("req-4711", forwarded.Single(h => h.Key.Equals("X-Request-Id", StringComparison.OrdinalIgnoreCase)).Value);
        Assert.Contains(forwarded.Keys, k => k.Equals("traceparent", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("Bearer ", forwarded.Single(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value, StringComparison.Ordinal);
        Assert.Equal("req-4711", response.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task Public_routes_need_no_token()
    {
        var verify = await platform.Client.GetAsync("/verify/ABC123");
        var docs = await platform.Client.GetAsync("/api/docs/");

        Assert.NotEqual(HttpStatusCode.Unauthorized, verify.StatusCode);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task Readiness_reports_each_destination_and_degrades_when_an_optional_service_is_down()
    {
        JsonElement clusters = default;
        await Eventually.HoldsAsync(async () =>
        {
            var response = await platform.Client.GetAsync("/health/ready");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            clusters = body.GetProperty("checks").GetProperty("destinations").GetProperty("data");
            return response.StatusCode == HttpStatusCode.OK
                && clusters.GetProperty("directory").GetProperty("healthy").GetInt32() == 1
                && clusters.GetProperty("archive").GetProperty("healthy").GetInt32() == 1;
        }, "the active health checks saw Directory and the echo service", TimeSpan.FromSeconds(30));

        Assert.Equal(0, clusters.GetProperty("correspondence").GetProperty("healthy").GetInt32());
        var ready = await platform.Client.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("Degraded", ready.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/api/reports/letters", "correspondence")]
    [InlineData("/api/reports/agenda", "correspondence")]
    [InlineData("/api/reports/dispositions", "disposition")]
    public async Task Each_report_is_routed_to_the_service_that_owns_its_data(string path, string cluster)
    {
        var routes = platform.Gateway.Services.GetRequiredService<Yarp.ReverseProxy.Configuration.IProxyConfigProvider>().GetConfig().Routes;
        var route = Assert.Single(routes, r => r.Match.Path == path + "/{**rest}");
        Assert.Equal(cluster, route.ClusterId);

        // Correspondence and Disposition are down in this fixture: a routed report answers with the gateway's error.
        var token = await platform.TokenAsync("fajar.nugroho@eoffice.local");
        var response = await platform.Client.SendAsync(GatewayFixture.Get(path + "?from=2026-01-01&to=2026-12-31", token));
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable });
    }

    [Fact]
    public async Task A_route_whose_service_is_down_answers_at_once_with_a_gateway_error_problem()
    {
        var token = await platform.TokenAsync("fajar.nugroho@eoffice.local");
        var response = await platform.Client.SendAsync(GatewayFixture.Get("/api/letters", token));
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable });
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }
}

public sealed class LoginRateLimitTests(TightLoginLimitFixture platform) : IClassFixture<TightLoginLimitFixture>
{
    [Fact]
    public async Task Sign_in_attempts_past_the_limit_get_429_with_retry_after_even_with_the_right_password()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await platform.LoginAsync("admin@eoffice.local", "guess " + i)).StatusCode);
        }

        var limited = await platform.LoginAsync("admin@eoffice.local");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }
}
