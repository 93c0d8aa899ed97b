using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Health;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace EOffice.ServiceDefaults;

/// <summary>The one place every EOffice service and the gateway get their cross-cutting behaviour.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Telemetry, health checks, problem details, request ids, JWT validation and OpenAPI.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddEOfficeTelemetry();
        builder.Services.AddHealthChecks();
        builder.AddEOfficeProblemDetails();
        builder.AddEOfficeAuthentication();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // The city's zone (City:TimeZone, default Asia/Jakarta): fails the start on a name that is not Indonesia's.
        EOffice.ServiceDefaults.Time.CityZone.Use(builder.Configuration["City:TimeZone"]);
        builder.Services.AddSingleton<EOffice.ServiceDefaults.Time.CityClock>();
        builder.Services.AddSingleton(sp => ClientAddress.FromConfiguration(sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()));
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            // Clients reach every service through the gateway: let them use the origin they loaded the document from.
            document.Servers = [];
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Middleware and endpoints every service has: request id, errors, input guard, auth, health, OpenAPI.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseRequestId();
        app.UseRetryAfterDefaults();
        app.UseExceptionHandler();
        app.UseInputGuard();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseIdempotency();
        app.MapHealthEndpoints();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
