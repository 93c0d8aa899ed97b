using EOffice.Contracts;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Messaging;

namespace EOffice.Disposition.Letters;

/// <summary>
/// Keeps the local record of who received which letter (the right to dispose it), so dispositions
/// work while Correspondence is down.
/// </summary>
public sealed class LetterReceivedConsumer(Db db) : IdempotentConsumer<LetterReceived>(db)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(LetterReceived m, UnitOfWork uow, CancellationToken ct)
    {
        await LetterContentConsumer.LockLetterAsync(uow, m.LetterId);
        await uow.ExecuteAsync(
            """
            insert into letter_receipts (letter_id, position_id, number, agenda_number, subject, sender, security, urgency,
                                         classification_code, letter_date, cc, incoming, received_at,
                                         sender_number, sender_date, letter_received_at)
            values (@LetterId, @RecipientPositionId, @Number, @AgendaNumber,
                    coalesce(@Subject, (select subject from letter_subjects where letter_id = @LetterId)), @Sender, @Security, @Urgency,
                    @ClassificationCode, @Date, @Cc, @Incoming, @OccurredAt,
                    @SenderNumber, @SenderDate, @ReceivedAt)
            on conflict (letter_id, position_id) do nothing
            """, m);
    }
}
