using EOffice.Correspondence.Attachments;
using EOffice.Correspondence.Delegations;
using EOffice.Correspondence.Dispatch;
using EOffice.Correspondence.Documents;
using EOffice.Correspondence.Incoming;
using EOffice.Correspondence.Letters;
using EOffice.Correspondence.LetterTypes;
using EOffice.Correspondence.Pending;
using EOffice.Correspondence.Recall;
using EOffice.Correspondence.Reviews;
using EOffice.Correspondence.Sealing;
using EOffice.Correspondence.Sending;
using EOffice.Correspondence.Signing;
using EOffice.Correspondence.Verification;
using EOffice.Org;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Email;
using EOffice.ServiceDefaults.Messaging;

namespace EOffice.Correspondence;

/// <summary>The Correspondence service: letters from draft to signed, numbered, sent, received and read.</summary>
public static class CorrespondenceModule
{
    /// <summary>Registers the service's database (with an org-chart copy), messaging and features.</summary>
    public static WebApplicationBuilder AddCorrespondence(this WebApplicationBuilder builder)
    {
        builder.AddDatabase("correspondence", typeof(CorrespondenceModule).Assembly);
        builder.AddOrgChart();
        builder.AddMessaging("correspondence", x =>
        {
            x.AddConsumer<Timeline.DispositionCreatedConsumer>();
            x.AddConsumer<Timeline.DispositionFollowedUpConsumer>();
            x.AddConsumer<Timeline.DispositionCompletedConsumer>();
            x.AddConsumer<Timeline.DispositionCancelledConsumer>();
            x.AddConsumer<Timeline.DispositionOverdueConsumer>();
            x.AddConsumer<Purging.LetterContentPurgedConsumer>();
        });

        builder.Services.AddSingleton(builder.Configuration.GetSection("Correspondence:Attachments").Get<AttachmentSettings>() ?? new AttachmentSettings());
        builder.Services.AddSingleton<LetterStore>();
        builder.Services.AddSingleton<Drafts>();
        builder.Services.AddSingleton<ReviewFlow>();
        builder.Services.AddSingleton<PasswordCheck>();
        builder.Services.AddSingleton<NikCheck>();
        builder.Services.AddSingleton<SignerConfirmation>();
        builder.Services.AddSingleton<SignerCheck>();
        builder.Services.AddSingleton<Delegations.DelegationStore>();
        builder.Services.AddSingleton<Recall.RecallFlow>();
        builder.Services.AddSingleton<LetterSeal>();
        builder.Services.AddSingleton<SignFlow>();
        LetterRenderer.UseFonts(builder.Configuration["Documents:FontDirectory"] ?? DejaVuFonts.DefaultDirectory);
        builder.AddSignatureProvider();
        builder.Services.AddSingleton<LetterheadSource>();
        builder.Services.AddSingleton<LetterDocuments>();
        builder.AddEmailSettings();
        builder.Services.AddSingleton<Dispatches>();
        builder.Services.AddSingleton<LetterMailer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LetterMailer>());
        builder.Services.AddSingleton<SendFlow>();
        builder.Services.AddSingleton<IncomingLetters>();
        builder.Services.AddSingleton<Mailbox.Mailboxes>();
        builder.Services.AddSingleton<LetterTypeStore>();
        builder.Services.AddSingleton<AttachmentUploads>();
        builder.Services.AddSingleton<AttachmentContent>();
        builder.Services.AddSingleton<LetterVerification>();
        builder.Services.AddSingleton<Pending.PendingLetters>();
        builder.Services.AddSingleton<Forwarding.Forwards>();
        builder.Services.AddSingleton<Threads.LetterThreads>();
        builder.Services.AddSingleton<EOffice.Org.Reports.ReportScopes>();
        builder.Services.AddSingleton<Reports.LetterReports>();
        builder.Services.AddHostedService<LetterSealLoader>();
        return builder;
    }

    /// <summary>Maps the service's endpoints.</summary>
    public static WebApplication MapCorrespondenceApi(this WebApplication app)
    {
        app.MapLetterEndpoints();
        app.MapLetterTypeEndpoints();
        Threads.ThreadEndpoints.MapThreadEndpoints(app);
        app.MapAttachmentEndpoints(app.Services.GetRequiredService<AttachmentSettings>());
        app.MapVerifyEndpoints();
        app.MapDocumentEndpoints();
        app.MapSigningEndpoints();
        app.MapDispatchEndpoints();
        app.MapPendingEndpoints();
        app.MapDelegationEndpoints();
        app.MapRecallEndpoints();
        Reports.ReportEndpoints.MapReportEndpoints(app);
        return app;
    }
}

/// <summary>Names this service's assembly for hosts that start it (integration tests).</summary>
public sealed class CorrespondenceApp;
