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
    /// relay of this service's schema. Call after <c>AddDatabase</c> and after the shared libraries that bring consumers
    /// (<see cref="AddLibraryConsumers"/>).
    /// </summary>
    public static TBuilder AddMessaging<TBuilder>(this TBuilder builder, string service,
        Action<IBusRegistrationConfigurator>? consumers = null)
        where TBuilder : IHostApplicationBuilder
    {
        var application = builder.Environment.ApplicationName;
        builder.Services.Configure<OutboxSettings>(builder.Configuration.GetSection("Outbox"));
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddSingleton<MessagingAdded>();
        builder.Services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service, false));
            // A list first: registering a consumer adds to the very collection being read.
            var libraries = builder.Services.Where(d => d.ServiceType == typeof(LibraryConsumers) && !d.IsKeyedService)
                .Select(d => (LibraryConsumers)d.ImplementationInstance!).ToList();
            foreach (var library in libraries)
            {
                library.Register(x);
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

    /// <summary>
    /// Adds a shared library's consumers to this service's bus (call before <c>AddMessaging</c>, which registers them
    /// with the service's own).
    /// </summary>
    public static TBuilder AddLibraryConsumers<TBuilder>(this TBuilder builder, Action<IBusRegistrationConfigurator> register)
        where TBuilder : IHostApplicationBuilder
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(MessagingAdded)))
        {
            throw new InvalidOperationException("A library's consumers are added before AddMessaging, which registers them.");
        }

        builder.Services.AddSingleton(new LibraryConsumers(register));
        return builder;
    }

    private sealed class MessagingAdded;
}

/// <summary>A shared library's consumers, registered by <c>AddMessaging</c> (see <see cref="MessagingExtensions.AddLibraryConsumers"/>).</summary>
public sealed record LibraryConsumers(Action<IBusRegistrationConfigurator> Register);

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
