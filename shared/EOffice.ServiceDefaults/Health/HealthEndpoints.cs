using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EOffice.ServiceDefaults.Health;

/// <summary>Tags that decide which probe runs a health check.</summary>
public static class HealthTags
{
    /// <summary>
    /// Checked by <c>/health/ready</c>: the dependencies a request needs (the database). The broker is not one of
    /// them: events wait in the outbox while it is away, so a broker outage must not take a replica out of service.
    /// </summary>
    public const string Ready = "ready";
}

internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this WebApplication app)
    {
        // Liveness: the process answers. It never checks dependencies, so an outage does not restart us.
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = WriteJson,
        }).AllowAnonymous().DisableHttpMetrics();

        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            // MassTransit tags its bus check "ready" too: leave it out by its own tag.
            Predicate = c => c.Tags.Contains(HealthTags.Ready) && !c.Tags.Contains("masstransit"),
            ResponseWriter = WriteJson,
        }).AllowAnonymous().DisableHttpMetrics();

        // Everything, the broker connection included: for dashboards and the ops guide, never for a probe.
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = WriteJson,
        }).AllowAnonymous().DisableHttpMetrics();
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = (int)report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    data = e.Value.Data.Count == 0 ? null : e.Value.Data,
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
