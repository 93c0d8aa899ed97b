using System.Collections.Concurrent;
using EOffice.Notification;
using EOffice.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace EOffice.Notification.Tests;

/// <summary>
/// Real Directory and two replicas of the Notification service on one database and virtual host, an
/// SMTP sink, and a webhook receiver on 127.0.0.1 whose endpoints answer 200, fail once, hang until
/// released, or redirect (307) to <c>?to=</c>. Loopback is an allowed webhook network here, explicitly.
/// </summary>
public class NotificationFixture : ServiceFixture<NotificationApp>
{
    private int _flakyCalls;

    /// <summary>Replica B.</summary>
    public ServiceFactory<NotificationApp> Replica { get; } = new();

    public SmtpSink Smtp { get; } = new();

    public WebApplication Receiver { get; private set; } = null!;

    public ConcurrentQueue<(string Path, Dictionary<string, string> Headers, string Body)> Hooks { get; } = new();

    /// <summary>Released by a test to let the hanging endpoint answer.</summary>
    public TaskCompletionSource SlowGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override string Schema => "notification";

    protected override IReadOnlyList<ServiceFactory<NotificationApp>> Replicas => [Service, Replica];

    public override async Task InitializeAsync()
    {
        Receiver = await StartReceiverAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        SlowGate.TrySetResult();
        await base.DisposeAsync();
        await Receiver.StopAsync();
        await Receiver.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    public string ReceiverUrl(string path) => Receiver.Urls.First() + path;

    protected sealed override void Configure(Dictionary<string, string?> settings)
    {
        settings["Notification:Email:Enabled"] = "true";
        settings["Notification:Email:Host"] = "127.0.0.1";
        settings["Notification:Email:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Notification:Email:Security"] = "None";
        settings["Notification:Webhooks:FirstRetryDelay"] = "00:00:00.300";
        settings["Notification:Webhooks:Timeout"] = "00:00:30";
        settings["Notification:Webhooks:PollInterval"] = "00:00:00.100";
        if (LoopbackAllowed)
        {
            settings["Webhooks:AllowedNetworks:0"] = "127.0.0.0/8";
        }
    }

    /// <summary>Whether webhooks may reach loopback (the receiver).</summary>
    protected virtual bool LoopbackAllowed => true;

    private async Task<WebApplication> StartReceiverAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/{kind}", async (string kind, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            Hooks.Enqueue(("/" + kind, context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));
            switch (kind)
            {
                case "flaky" when Interlocked.Increment(ref _flakyCalls) == 1:
                    return Results.StatusCode(500);
                case "redirect":
                    return Results.Redirect(context.Request.Query["to"].ToString(), permanent: false, preserveMethod: true);
                case "slow":
                    await SlowGate.Task;
                    return Results.Ok();
                default:
                    return Results.Ok();
            }
        });
        await app.StartAsync();
        return app;
    }
}

/// <summary>The same platform with no allowed webhook networks: loopback, the receiver's, is refused.</summary>
public sealed class StrictWebhookFixture : NotificationFixture
{
    protected override bool LoopbackAllowed => false;
}
