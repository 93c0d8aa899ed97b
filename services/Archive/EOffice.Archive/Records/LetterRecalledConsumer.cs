using EOffice.Contracts;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Messaging;

namespace EOffice.Archive.Records;

/// <summary>
/// A recalled letter's records are marked recalled (seen then only by archivists); the recall is
/// remembered, so records made later from a late letter-sent event are marked too.
/// </summary>
public sealed class LetterRecalledConsumer(Db db) : IdempotentConsumer<LetterRecalled>(db)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(LetterRecalled m, UnitOfWork uow, CancellationToken ct)
    {
        await LetterContentConsumer.LockLetterAsync(uow, m.LetterId);
        await uow.ExecuteAsync(
            "insert into recalled_letters (letter_id, recalled_at, reason) values (@LetterId, @OccurredAt, @Reason) on conflict do nothing", m);
        await uow.ExecuteAsync(
            """
            update records set recalled_at = @OccurredAt, recall_reason = @Reason, updated_at = now()
            where letter_id = @LetterId and recalled_at is null
            """, m);
    }
}
