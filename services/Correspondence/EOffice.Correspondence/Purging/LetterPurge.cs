using EOffice.Contracts;
using EOffice.Correspondence.Timeline;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Messaging;

namespace EOffice.Correspondence.Purging;

/// <summary>
/// Every record of a letter was destroyed (Archive): the letter loses its body, summary, files and signed PDF, at
/// once and for good; its number, metadata, seal hash and timeline stay, and the timeline says so.
/// </summary>
public sealed class LetterContentPurgedConsumer(Db db) : IdempotentConsumer<LetterContentPurged>(db)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(LetterContentPurged m, UnitOfWork uow, CancellationToken ct)
    {
        var purging = await uow.ExecuteAsync(
            """
            update letters set body = null, summary = null, purged_at = @OccurredAt, version = version + 1, updated_at = now()
            where id = @LetterId and purged_at is null
            """, m);
        if (purging == 0)
        {
            return; // not a letter of ours, or purged already
        }

        var files = await uow.ExecuteAsync("delete from attachments where letter_id = @LetterId", m);
        // The signed PDF holds the body too; its SHA-256 stays on the letter.
        await uow.ExecuteAsync("delete from letter_documents where letter_id = @LetterId", m);
        await LetterTimeline.AppendAsync(uow, m.LetterId, null, null, TimelineActions.Purged, new { attachments = files }, m.OccurredAt);
    }
}
