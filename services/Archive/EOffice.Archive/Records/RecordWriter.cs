using EOffice.Archive.Classification;
using EOffice.Contracts;
using EOffice.Org;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Archive.Records;

/// <summary>What a record is made from.</summary>
public sealed record RecordSource(
    Guid LetterId, string Direction, string Number, string? Type, string? Subject, string? Summary, string? Body, string ClassificationCode,
    string Security, DateOnly LetterDate, IReadOnlyCollection<Guid> InvolvedPositions, IReadOnlyCollection<string> Names);

/// <summary>Creates records (once per letter and unit; replays are no-ops) with their retention dates.</summary>
public sealed class RecordWriter(ClassificationScheme scheme, ArchiveSettings settings, OrgChart org, TimeProvider clock)
{
    /// <summary>Creates the record of a letter in a unit, unless it exists; publishes <see cref="RecordCreated"/>.</summary>
    public async Task CreateAsync(UnitOfWork uow, RecordSource s, Guid unitId, CancellationToken ct)
    {
        var (rule, known) = Retention.RuleFor(s.ClassificationCode, await scheme.LoadAsync(ct, uow), settings.DefaultRule);
        var (activeUntil, inactiveUntil) = Retention.Dates(s.LetterDate, rule);
        var state = Retention.StateOn(org.Today, activeUntil, inactiveUntil);
        var id = Guid.CreateVersion7();
        var names = string.Join(" ", s.Names.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal));
        var created = await uow.ExecuteAsync(
            """
            insert into records (id, letter_id, unit_id, direction, number, type, subject, summary, body, names, classification_code,
                                 classification_known, security, letter_date, involved_positions, state, active_until, inactive_until,
                                 final_disposition, doc, recalled_at, recall_reason)
            select @id, @LetterId, @unitId, @Direction, @Number, @Type, @Subject, @Summary, @Body, @names, @ClassificationCode,
                   @known, @Security, @LetterDate, @involved, @state, @activeUntil, @inactiveUntil, @final,
                   search_doc(@Subject, @Summary, @Body, @names, @Number), rl.recalled_at, rl.reason
            from (select 1) one left join recalled_letters rl on rl.letter_id = @LetterId
            on conflict (letter_id, unit_id) do nothing
            """,
            new
            {
                id,
                s.LetterId,
                unitId,
                s.Direction,
                s.Number,
                s.Type,
                s.Subject,
                s.Summary,
                s.Body,
                names,
                s.ClassificationCode,
                known,
                s.Security,
                s.LetterDate,
                involved = s.InvolvedPositions.Distinct().ToArray(),
                state,
                activeUntil,
                inactiveUntil,
                final = rule.FinalDisposition,
            });
        if (created == 1)
        {
            await uow.PublishAsync(new RecordCreated(id, s.LetterId, unitId, s.ClassificationCode, state, clock.GetUtcNow()));
        }
    }
}
