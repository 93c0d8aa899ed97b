using EOffice.Archive.Classification;
using EOffice.Archive.Disposal;
using EOffice.Archive.Filing;
using EOffice.Archive.Lifecycle;
using EOffice.Archive.Records;
using EOffice.Archive.Search;
using EOffice.Org;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Messaging;

namespace EOffice.Archive;

/// <summary>The Archive service: records, classification and retention, holds, disposal and search.</summary>
public static class ArchiveModule
{
    /// <summary>Registers the service.</summary>
    public static WebApplicationBuilder AddArchive(this WebApplicationBuilder builder)
    {
        // Search plans depend on the words asked for (how common they are): every execution is planned with its values.
        builder.AddDatabase("archive", typeof(ArchiveModule).Assembly, planEachExecution: true);
        builder.AddOrgChart();
        builder.AddMessaging("archive", x =>
        {
            x.AddConsumer<LetterSentConsumer>();
            x.AddConsumer<IncomingLetterRegisteredConsumer>();
            x.AddConsumer<LetterContentConsumer>();
            x.AddConsumer<DispositionCompletedConsumer>();
            x.AddConsumer<LetterRecalledConsumer>();
        });
        builder.Services.AddSingleton(builder.Configuration.GetSection("Archive").Get<ArchiveSettings>() ?? new ArchiveSettings());
        builder.Services.AddSingleton<ClassificationScheme>();
        builder.Services.AddSingleton<RecordWriter>();
        builder.Services.AddSingleton<RecordSearch>();
        builder.Services.AddSingleton<DisposalFlow>();
        builder.Services.AddSingleton<RecordHolds>();
        builder.Services.AddSingleton<FileStore>();
        builder.Services.AddSingleton<LifecycleJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LifecycleJob>());
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapArchiveApi(this WebApplication app)
    {
        app.MapArchiveEndpoints();
        app.MapFileEndpoints();
        return app;
    }
}

/// <summary>Names this service's assembly for hosts that start it (integration tests).</summary>
public sealed class ArchiveApp;
