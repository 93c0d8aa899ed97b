using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EOffice.ServiceDefaults.Http;

/// <summary>The request id that follows a call from the gateway into every service and log line.</summary>
public static class RequestId
{
    /// <summary>The header carrying it.</summary>
    public const string Header = "X-Request-Id";

    private static readonly AsyncLocal<string?> CurrentId = new();

    /// <summary>The id of the request being handled on this async flow, if any (for audit rows).</summary>
    public static string? Current => CurrentId.Value;

    /// <summary>The current request's id (set by the middleware; falls back to the trace id).</summary>
    public static string Of(HttpContext context) =>
        context.Items.TryGetValue(Header, out var id) && id is string s ? s : context.TraceIdentifier;

    internal static void UseRequestId(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var incoming = context.Request.Headers[Header].ToString();
            // Accept a caller's id only when it is short and printable; otherwise make our own.
            var id = incoming.Length is > 0 and <= 100 && incoming.All(c => c is > ' ' and < (char)127)
                ? incoming
                : Activity.Current?.TraceId.ToString() ?? Guid.CreateVersion7().ToString("N");
            context.Items[Header] = id;
            CurrentId.Value = id;
            context.Request.Headers[Header] = id;
            // Once, whatever a proxied service answered with (YARP copies its header: it would be sent twice).
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = id;
                return Task.CompletedTask;
            });
            Activity.Current?.SetTag("eoffice.request_id", id);
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("EOffice.Request");
            using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = id }))
            {
                await next(context);
            }
        });
    }
}
