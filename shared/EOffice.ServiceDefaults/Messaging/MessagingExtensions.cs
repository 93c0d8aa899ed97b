using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EOffice.ServiceDefaults.Messaging;

/// <summary>Registers MassTransit on RabbitMQ with the outbox relay.</summary>
public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on <c>ConnectionStrings:RabbitMq</c> (an <c>amqp://user:pass@host:port/vhost</c> URI),
    /// endpoints named <c>{service}-...</c>, bounded retries, usage telemetry off, and the outbox
    /// relay of this service's schema. Call after <c>AddDatabase</c>.
    /// </summary>
    public static TBuilder AddMessaging<TBuilder>(this TBuilder builder, string service,
        Action<IBusRegistrationConfigurator>? consumers = null)
        where TBuilder : IHostApplicationBuilder
    {
        var application = builder.Environment.ApplicationName;
        builder.Services.Configure<OutboxSettings>(builder.Configuration.GetSection("Outbox"));
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service, false));
            if (builder.Services.Any(d => d.ServiceType == typeof(OrgChart.OrgChart)))
            {
                x.AddConsumer<OrgChart.OrgChangedConsumer>();
            }

            consumers?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                var broker = BrokerAddress.Parse(context.GetRequiredService<IConfiguration>().GetConnectionString("RabbitMq")
                    ?? throw new InvalidOperationException(
                        "ConnectionStrings:RabbitMq is not set (environment variable ConnectionStrings__RabbitMq)."));
                cfg.Host(broker.Host, broker.Port, broker.VirtualHost, application, h =>
                {
                    h.Username(broker.Username);
                    h.Password(broker.Password);
                });
                cfg.UseMessageRetry(r => r.Intervals(200, 1000, 3000));
                cfg.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }
}

/// <summary>A parsed <c>amqp://</c> URI.</summary>
public sealed record BrokerAddress(string Host, ushort Port, string VirtualHost, string Username, string Password)
{
    /// <summary>Parses <c>amqp://user:pass@host:port/vhost</c>; defaults guest/guest, 5672, "/".</summary>
    public static BrokerAddress Parse(string uri)
    {
        var u = new Uri(uri);
        var userInfo = u.UserInfo.Split(':', 2);
        var vhost = Uri.UnescapeDataString(u.AbsolutePath.TrimStart('/'));
        return new BrokerAddress(
            u.Host,
            (ushort)(u.IsDefaultPort || u.Port <= 0 ? 5672 : u.Port),
            vhost.Length == 0 ? "/" : vhost,
            userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest",
            userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest");
    }
}
