using EOffice.ServiceDefaults.Data;
using MassTransit;

namespace EOffice.ServiceDefaults.Messaging;

/// <summary>
/// The one way to consume an event: the message id goes into the schema's inbox in the same
/// transaction as the effect, so a second delivery of the same message is acknowledged and does
/// nothing. Events the handler publishes go through the same transaction's outbox.
/// </summary>
public abstract class IdempotentConsumer<T>(Db db) : IConsumer<T> where T : class
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<T> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(T).Name} arrived without a MessageId; it cannot be de-duplicated.");
        await using var uow = await db.BeginAsync(context.CancellationToken);
        var first = await uow.ExecuteAsync(
            "insert into inbox (consumer, message_id) values (@consumer, @messageId) on conflict do nothing",
            new { consumer = GetType().FullName, messageId }) == 1;
        if (!first)
        {
            return;
        }

        MessageId = messageId;
        await HandleAsync(context.Message, uow, context.CancellationToken);
        await uow.CommitAsync();
    }

    /// <summary>The id of the message being handled (set before <see cref="HandleAsync"/>).</summary>
    protected Guid MessageId { get; private set; }

    /// <summary>The effect of the message, written through <paramref name="uow"/>.</summary>
    protected abstract Task HandleAsync(T message, UnitOfWork uow, CancellationToken ct);
}
