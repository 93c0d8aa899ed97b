using System.Threading.RateLimiting;
using EOffice.Gateway.Events;
using EOffice.Gateway.Sessions;
using EOffice.Gateway.WebApp;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Health;
using EOffice.ServiceDefaults.Http;
using Scalar.AspNetCore;

namespace EOffice.Gateway;

/// <summary>Rate limits (section <c>RateLimits</c>): requests per minute.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Per signed-in user (or per address when anonymous), on every API route.</summary>
    public int PerUserPerMinute { get; set; } = 600;

    /// <summary>
    /// Per client address, on sign-in and token refresh. An office behind one NAT address signs in
    /// together at 07:30, so this is not tight; wrong passwords are limited per account in Directory.
    /// </summary>
    public int LoginPerMinute { get; set; } = 60;

    /// <summary>Per client address, on public verification.</summary>
    public int PublicPerMinute { get; set; } = 30;
}

/// <summary>The gateway: YARP routes from configuration, plus auth, rate limits, header hygiene and docs.</summary>
public static class GatewayModule
{
    /// <summary>The services whose OpenAPI documents the reference page shows.</summary>
    public static readonly string[] Services = ["directory", "correspondence", "disposition", "archive", "notification"];

    // Identity is only ever taken from the validated token; a client must not be able to assert it.
    private static readonly string[] IdentityHeaderPrefixes = ["X-User", "X-Auth", "X-Remote-User", "X-Forwarded-User", "X-EOffice-"];

    /// <summary>Registers the proxy, rate limiter and readiness check.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var proxy = builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.AddWebSessions(proxy);
        builder.Services.AddSingleton<Yarp.ReverseProxy.ServiceDiscovery.IDestinationResolver, ReplicaDestinationResolver>();
        builder.Services.AddHealthChecks().AddCheck<DestinationsHealthCheck>("destinations", tags: [HealthTags.Ready]);

        builder.Services.Configure<RateLimitSettings>(builder.Configuration.GetSection("RateLimits"));
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RateLimitProblem.WriteAsync;
            o.AddPolicy("per-user", http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirst(CallerClaims.Subject)?.Value ?? "ip:" + ClientAddress(http),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Limits(http).PerUserPerMinute,
                    TokensPerPeriod = Limits(http).PerUserPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.AddPolicy("login", http => FixedWindowPerAddress(http, "login", Limits(http).LoginPerMinute));
            o.AddPolicy("public", http => FixedWindowPerAddress(http, "public", Limits(http).PublicPerMinute));
        });
        return builder;
    }

    /// <summary>Maps the proxy, the docs page and the header hygiene in front of it.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseRateLimiter();
        app.Use((context, next) =>
        {
            var headers = context.Request.Headers;
            foreach (var name in headers.Keys.Where(k => IdentityHeaderPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
            {
                headers.Remove(name);
            }

            return next(context);
        });
        app.UseSessionAntiForgery();

        app.MapSessionEndpoints();
        app.MapScalarApiReference("/api/docs", options =>
        {
            options.WithTitle("EOffice API");
            foreach (var service in Services)
            {
                options.AddDocument(service, char.ToUpperInvariant(service[0]) + service[1..], $"/openapi/{service}.json");
            }
        }).AllowAnonymous();
        app.MapAsyncApiDocument();

        app.MapReverseProxy();
        app.MapWebAppFallback();
        return app;
    }

    private static RateLimitPartition<string> FixedWindowPerAddress(HttpContext http, string policy, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter($"{policy}:{ClientAddress(http)}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static RateLimitSettings Limits(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitSettings>>().Value;

    /// <summary>The address the gateway sees the client at (what rate limits and Directory's sign-in throttle count).</summary>
    internal static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>Names the gateway's assembly for hosts that start it (integration tests).</summary>
public sealed class GatewayApp;
