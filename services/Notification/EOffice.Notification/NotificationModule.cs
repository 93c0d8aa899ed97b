using EOffice.Notification.Email;
using EOffice.Notification.Fanout;
using EOffice.Notification.Live;
using EOffice.Notification.Notifications;
using EOffice.Notification.Webhooks;
using EOffice.Org;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Email;
using EOffice.ServiceDefaults.Messaging;
using MassTransit;

namespace EOffice.Notification;

/// <summary>The Notification service: in-app notifications (live over SSE), email, and webhooks for city systems.</summary>
public static class NotificationModule
{
    /// <summary>Registers the service; it consumes every event of the contracts.</summary>
    public static WebApplicationBuilder AddNotification(this WebApplicationBuilder builder)
    {
        builder.AddDatabase("notification", typeof(NotificationModule).Assembly);
        builder.AddOrgChart();
        builder.AddMessaging("notification", x =>
        {
            foreach (var type in EventFanout.EventTypes.Values)
            {
                x.AddConsumer(typeof(EventConsumer<>).MakeGenericType(type), typeof(EventConsumerDefinition<>).MakeGenericType(type));
            }
        });
        builder.AddEmailSettings();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Notification:Webhooks").Get<WebhookSettings>() ?? new WebhookSettings());
        builder.Services.AddSingleton<EventFanout>();
        builder.Services.AddSingleton<NotificationHub>();
        builder.Services.AddSingleton<NotificationStore>();
        builder.Services.AddSingleton<WebhookStore>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NotificationHub>());
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmailSender>());
        // A list (Webhooks__AllowedNetworks__0, __1, …) or one comma-separated value (handy in compose and ConfigMaps).
        var allowedNetworks = builder.Configuration.GetSection("Webhooks:AllowedNetworks");
        var addressRule = WebhookAddressRule.FromSettings(allowedNetworks.GetChildren().Select(c => c.Value).Prepend(allowedNetworks.Value));
        builder.Services.AddSingleton(addressRule);
        builder.Services.AddHttpClient(nameof(WebhookDeliverer)).ConfigurePrimaryHttpMessageHandler(() => WebhookConnections.CreateHandler(addressRule));
        builder.Services.AddSingleton<WebhookDeliverer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliverer>());
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapNotificationApi(this WebApplication app)
    {
        app.MapNotificationEndpoints();
        app.MapWebhookEndpoints();
        return app;
    }
}

/// <summary>Names this service's assembly for hosts that start it (integration tests).</summary>
public sealed class NotificationApp;
