using EOffice.Disposition.Deadlines;
using EOffice.Disposition.Dispositions;
using EOffice.Disposition.Instructions;
using EOffice.Disposition.Letters;
using EOffice.Disposition.Pending;
using EOffice.Disposition.Sheet;
using EOffice.Org;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Messaging;

namespace EOffice.Disposition;

/// <summary>The Disposition service: routing received letters down the org chart, follow-up and deadlines.</summary>
public static class DispositionModule
{
    /// <summary>Registers the service.</summary>
    public static WebApplicationBuilder AddDisposition(this WebApplicationBuilder builder)
    {
        builder.AddDatabase("disposition", typeof(DispositionModule).Assembly);
        builder.AddOrgChart();
        builder.AddMessaging("disposition", x =>
        {
            x.AddConsumer<LetterReceivedConsumer>();
            x.AddConsumer<LetterContentConsumer>();
        });
        builder.Services.AddSingleton(builder.Configuration.GetSection("Disposition").Get<DispositionSettings>() ?? new DispositionSettings());
        builder.Services.AddSingleton<DispositionStore>();
        builder.Services.AddSingleton<DispositionReads>();
        builder.Services.AddSingleton<FollowUpStore>();
        builder.Services.AddSingleton<InstructionStore>();
        builder.Services.AddSingleton<SheetLetters>();
        builder.Services.AddSingleton<SecretSubject>();
        builder.Services.AddSingleton<PendingDispositions>();
        builder.Services.AddSingleton<OverdueCheck>();
        builder.Services.AddSingleton<EOffice.Org.Reports.ReportScopes>();
        builder.Services.AddSingleton<Reports.DispositionReports>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OverdueCheck>());
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapDispositionApi(this WebApplication app)
    {
        app.MapDispositionEndpoints(app.Services.GetRequiredService<DispositionSettings>());
        app.MapInstructionEndpoints();
        app.MapDispositionSheet();
        app.MapPendingEndpoints();
        Reports.ReportEndpoints.MapReportEndpoints(app);
        return app;
    }
}

/// <summary>Names this service's assembly for hosts that start it (integration tests).</summary>
public sealed class DispositionApp;
