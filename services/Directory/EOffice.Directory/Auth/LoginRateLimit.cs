using System.Threading.RateLimiting;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Directory.Auth;

/// <summary>
/// Requests per minute per client address on sign-in and refresh (<c>RateLimits:LoginPerMinute</c>),
/// kept where the login is, so it holds for callers that reach Directory's port without the gateway.
/// </summary>
public static class LoginRateLimit
{
    /// <summary>The policy name.</summary>
    public const string Policy = "login";

    /// <summary>Registers the limiter.</summary>
    public static WebApplicationBuilder AddLoginRateLimit(this WebApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("RateLimits:LoginPerMinute", 60);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RateLimitProblem.WriteAsync;
            o.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(http.ClientAddress(), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
        });
        return builder;
    }
}
