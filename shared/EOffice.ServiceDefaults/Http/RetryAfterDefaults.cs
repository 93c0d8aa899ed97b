using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EOffice.ServiceDefaults.Http;

/// <summary>
/// Every 502, 503 and 504 answer tells the caller when to try again: a service whose database restarts, or the
/// gateway whose destination is down (YARP answers those without the header), says <c>Retry-After</c>.
/// An answer that already carries one (a rate limit, a signing provider's own estimate) keeps it.
/// </summary>
public static class RetryAfterDefaults
{
    /// <summary>The default wait, in seconds: long enough for a restarted process or database to come back.</summary>
    public const string Seconds = "5";

    internal static void UseRetryAfterDefaults(this WebApplication app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var status = context.Response.StatusCode;
                if (status is StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout
                    && !context.Response.Headers.ContainsKey("Retry-After"))
                {
                    context.Response.Headers.RetryAfter = Seconds;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
