using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Messaging;

namespace EOffice.Notification.Fanout;

/// <summary>Consumes one kind of event for the fan-out (idempotent through the inbox).</summary>
public sealed class EventConsumer<T>(Db db, EventFanout fanout) : IdempotentConsumer<T>(db) where T : class
{
    /// <inheritdoc />
    protected override Task HandleAsync(T message, UnitOfWork uow, CancellationToken ct) => fanout.HandleAsync(uow, message, MessageId, ct);
}

/// <summary>Gives each event's fan-out consumer its own queue, named after the exchange (notification-letter-sent, ...).</summary>
public sealed class EventConsumerDefinition<T> : MassTransit.ConsumerDefinition<EventConsumer<T>> where T : class
{
    /// <summary>Sets the endpoint name.</summary>
    public EventConsumerDefinition() =>
        EndpointName = "notification-" + EventFanout.ExchangeOf(typeof(T)).Replace("eoffice.", "", StringComparison.Ordinal);
}
