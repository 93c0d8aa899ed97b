using EOffice.Contracts;
using EOffice.Correspondence.Letters;
using EOffice.Correspondence.Timeline;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Correspondence.Forwarding;

/// <summary>
/// Forwarding (teruskan): a recipient passes a received letter to other positions inside the city with a
/// note. Each gets an inbox entry marked as forwarded (who, when, the note), is notified
/// (<see cref="LetterForwarded"/>) and may then see the letter; the timeline records the forward.
/// </summary>
public sealed class Forwards(Db db, LetterStore letters, OrgChart org, TimeProvider clock)
{
    /// <summary>Forwards letter <paramref name="id"/> for the caller.</summary>
    public async Task<ForwardView> ForwardAsync(Guid id, ForwardRequest r, Caller caller, CancellationToken ct)
    {
        ForwardRules.Validate(r);
        await using var uow = await db.BeginAsync(ct);
        var (a, viewer) = await letters.VisibleAsync(id, caller, ct, uow);
        var from = ForwardRules.RequireForwardable(a, viewer);
        var wanted = r.To!.Select(t => t.PositionId!.Value).Distinct().ToList();
        var positions = (await org.PositionsAsync(wanted, ct, uow)).ToDictionary(p => p.Id);
        var targets = ForwardRules.Targets(r, a, viewer, positions.Keys.ToHashSet());

        var fromTitle = await LetterTimeline.TitleAsAsync(uow, org, caller.UserId, from, ct);
        var fromPosition = await org.PositionAsync(from, ct, uow);
        var note = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim();
        var now = clock.GetUtcNow();
        var forwardId = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            """
            insert into letter_forwards (id, letter_id, from_position_id, from_user_id, from_name, from_title, note, forwarded_at)
            values (@forwardId, @id, @from, @userId, @name, @fromTitle, @note, @now)
            """,
            new { forwardId, id, from, userId = caller.UserId, name = caller.Name, fromTitle, note, now });
        foreach (var target in targets)
        {
            await uow.ExecuteAsync(
                "insert into letter_forward_targets (id, forward_id, letter_id, position_id) values (@targetId, @forwardId, @id, @target)",
                new { targetId = Guid.CreateVersion7(), forwardId, id, target });
        }

        var toTitles = targets.Select(t => positions[t].Title).ToList();
        await LetterTimeline.AppendAsync(uow, id, caller, from, TimelineActions.Forwarded, new { from = fromTitle, to = toTitles, note },
            actorTitle: fromTitle);
        var l = a.Letter;
        await uow.PublishAsync(new LetterForwarded(id, from, targets, note, now)
        {
            Number = l.Number ?? l.AgendaNumber,
            Subject = SecurityLevels.SubjectIsPublic(l.Security) ? l.Subject : null,
            Security = l.Security,
            FromTitle = fromTitle,
        });
        await uow.CommitAsync();
        return new ForwardView(forwardId, id, new PositionRef(from, fromTitle, fromPosition?.UnitId, fromPosition?.UnitName), caller.Name,
            targets.Select(t => new PositionRef(t, positions[t].Title, positions[t].UnitId, positions[t].UnitName)).ToList(), note, now);
    }

    /// <summary>
    /// Read receipts of forwarded inbox entries: marks the caller's forwarded entries of the letter read (the
    /// first read counts) and records it on the timeline. Returns whether the letter was forwarded to any of them.
    /// </summary>
    public static async Task<bool> MarkReadAsync(UnitOfWork uow, LetterAggregate a, Viewer viewer, Caller caller, DateTimeOffset now)
    {
        var mine = a.ForwardPositions.Where(viewer.Positions.Contains).ToArray();
        if (mine.Length == 0)
        {
            return false;
        }

        var read = await uow.QueryAsync<Guid>(
            """
            update letter_forward_targets set read_at = @now, read_by_user_id = @userId
            where letter_id = @letterId and position_id = any(@mine) and read_at is null
            returning position_id
            """,
            new { now, userId = caller.UserId, letterId = a.Letter.Id, mine });
        foreach (var position in read.Distinct())
        {
            await LetterTimeline.AppendAsync(uow, a.Letter.Id, caller, position, TimelineActions.Read, new { forwarded = true });
        }

        return true;
    }
}
