using EOffice.Contracts;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Messaging;

namespace EOffice.Archive.Records;

/// <summary>
/// The text of a letter (internal exchange; never on public events): indexed into the letter's records
/// that exist, and kept for those created later. Destroyed records stay purged.
/// </summary>
public sealed class LetterContentConsumer(Db db) : IdempotentConsumer<LetterContent>(db)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(LetterContent m, UnitOfWork uow, CancellationToken ct)
    {
        await LockLetterAsync(uow, m.LetterId);
        await uow.ExecuteAsync(
            """
            insert into letter_contents (letter_id, subject, summary, body)
            select @LetterId, @Subject, @Summary, @Body
            where not exists (select 1 from records where letter_id = @LetterId)
               or exists (select 1 from records where letter_id = @LetterId and state <> @Destroyed)
            on conflict (letter_id) do update set subject = excluded.subject, summary = excluded.summary, body = excluded.body;
            update records set subject = @Subject, summary = @Summary, body = @Body,
                               doc = search_doc(@Subject, @Summary, @Body, names, number), updated_at = now()
            where letter_id = @LetterId and state <> @Destroyed;
            """, new { m.LetterId, m.Subject, m.Summary, m.Body, RecordStates.Destroyed });
    }

    /// <summary>
    /// Serialises the consumers of one letter (its text, its letter-sent or registration event): whichever
    /// runs second sees what the first committed, so neither the text nor the records are missed.
    /// </summary>
    public static Task LockLetterAsync(UnitOfWork uow, Guid letterId) => uow.LockAsync("eoffice.archive.letter." + letterId);

    /// <summary>A record source with the letter's text, when it has arrived on the internal exchange.</summary>
    public static async Task<RecordSource> WithTextAsync(UnitOfWork uow, RecordSource source)
    {
        var text = await uow.QuerySingleOrDefaultAsync<TextRow>(
            "select subject, summary, body from letter_contents where letter_id = @LetterId", new { source.LetterId });
        return text is null ? source : source with { Subject = text.Subject, Summary = text.Summary, Body = text.Body };
    }

    private sealed class TextRow
    {
        public string Subject { get; init; } = "";
        public string? Summary { get; init; }
        public string? Body { get; init; }
    }
}
