using EOffice.Contracts;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Messaging;

namespace EOffice.Disposition.Letters;

/// <summary>
/// The subject of a letter below Rahasia, from the internal exchange (public events name only Biasa
/// letters): kept for receipts that arrive later and filled into those already here.
/// </summary>
public sealed class LetterContentConsumer(Db db) : IdempotentConsumer<LetterContent>(db)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(LetterContent m, UnitOfWork uow, CancellationToken ct)
    {
        await LockLetterAsync(uow, m.LetterId);
        await uow.ExecuteAsync(
            """
            insert into letter_subjects (letter_id, subject) values (@LetterId, @Subject)
            on conflict (letter_id) do update set subject = excluded.subject;
            update letter_receipts set subject = @Subject where letter_id = @LetterId and subject is null;
            """, m);
    }

    /// <summary>Serialises a letter's subject and its receipts, so whichever arrives second sees the other.</summary>
    public static Task LockLetterAsync(UnitOfWork uow, Guid letterId) => uow.LockAsync("eoffice.disposition.letter." + letterId);
}
