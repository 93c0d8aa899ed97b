using EOffice.Correspondence.Letters;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Correspondence.Threads;

/// <summary>
/// One item of a thread: a letter (<c>original</c>, the one the replies go back to, or a <c>reply</c>), or a
/// <c>forward</c> of one of them (then <see cref="Id"/> is the forwarded letter and <see cref="Forward"/> says by whom, to whom).
/// </summary>
public sealed record ThreadItem(
    Guid Id, string Relation, string Direction, string Type, string Status, string Security, string Subject, string? Number, DateOnly? Date,
    DateTimeOffset At, string? Sender, Guid? ReplyToLetterId, ThreadForward? Forward = null);

/// <summary>A forward in a thread: who forwarded (title and name), to which positions (titles and ids), with which note.</summary>
public sealed record ThreadForward(Guid Id, string? By, string? ByName, IReadOnlyList<string> To, string? Note, IReadOnlyList<Guid> ToPositionIds);

/// <summary>How thread items relate to the letter the thread starts from.</summary>
public static class ThreadRelations
{
    public const string Original = "original";
    public const string Reply = "reply";
    public const string Forward = "forward";
}

/// <summary>
/// Threads: the letters linked by replies (up to the letter the first reply answered, and every reply below it)
/// and the forwards of each, oldest first, only those the caller may see: a letter in the thread that is
/// secret to the caller is left out as if it did not exist, and so are its forwards.
/// </summary>
public sealed class LetterThreads(Db db, LetterStore letters, OrgChart org)
{
    /// <summary>Most letters a thread lists.</summary>
    public const int MaxLetters = 500;

    /// <summary>The thread of letter <paramref name="id"/> (404 when the caller cannot see that letter).</summary>
    public async Task<IReadOnlyList<ThreadItem>> ThreadAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var (_, viewer) = await letters.VisibleAsync(id, caller, ct);
        var linked = await db.QueryAsync<LinkedRow>(
            """
            with recursive up (id, reply_to, depth) as (
                select id, reply_to_letter_id, 0 from letters where id = @id
                union all
                select l.id, l.reply_to_letter_id, up.depth + 1 from letters l join up on l.id = up.reply_to where up.depth < 100
            ),
            root as (select id from up order by depth desc limit 1),
            down (id, depth) as (
                select id, 0 from root
                union all
                select l.id, down.depth + 1 from letters l join down on l.reply_to_letter_id = down.id where down.depth < 100
            )
            select d.id, d.depth from down d order by d.depth, d.id limit @max
            """, new { id, max = MaxLetters }, ct);

        var items = new List<ThreadItem>();
        var visible = new List<Guid>();
        foreach (var row in linked)
        {
            var a = await letters.LoadAsync(row.Id, ct);
            if (a is null || !LetterVisibility.CanSee(await letters.InvolvementAsync(a, ct), viewer))
            {
                continue;
            }

            var l = a.Letter;
            var sender = l.SenderInstitution ?? l.SignerTitle ?? (l.SignerPositionId is { } sp ? (await org.PositionAsync(sp, ct))?.Title : null);
            items.Add(new ThreadItem(l.Id, row.Depth == 0 ? ThreadRelations.Original : ThreadRelations.Reply, l.Direction, l.Type, l.Status, l.Security,
                l.Subject, l.Number ?? l.AgendaNumber, l.LetterDate, l.SentAt ?? l.ReceivedAt ?? l.SignedAt ?? l.CreatedAt, sender, l.ReplyToLetterId));
            visible.Add(l.Id);
        }

        var forwards = await db.QueryAsync<ForwardRow>(
            """
            select f.id, f.letter_id, f.from_title, f.from_name, f.note, f.forwarded_at, array_agg(t.position_id order by t.id) as positions
            from letter_forwards f join letter_forward_targets t on t.forward_id = f.id
            where f.letter_id = any(@visible)
            group by f.id
            """, new { visible = visible.ToArray() }, ct);
        var titles = (await org.PositionsAsync(forwards.SelectMany(f => f.Positions).Distinct(), ct)).ToDictionary(p => p.Id, p => p.Title);
        foreach (var f in forwards)
        {
            var letter = items.First(i => i.Id == f.LetterId);
            items.Add(letter with
            {
                Relation = ThreadRelations.Forward,
                At = f.ForwardedAt,
                Sender = f.FromTitle ?? f.FromName,
                Forward = new ThreadForward(f.Id, f.FromTitle, f.FromName, f.Positions.Select(p => titles.GetValueOrDefault(p) ?? "").ToList(), f.Note,
                    f.Positions),
            });
        }

        return items.OrderBy(i => i.At).ThenBy(i => i.Relation == ThreadRelations.Forward ? 1 : 0).ThenBy(i => i.Id).ToList();
    }

    private sealed class LinkedRow
    {
        public Guid Id { get; init; }
        public int Depth { get; init; }
    }

    private sealed class ForwardRow
    {
        public Guid Id { get; init; }
        public Guid LetterId { get; init; }
        public string? FromTitle { get; init; }
        public string? FromName { get; init; }
        public string? Note { get; init; }
        public DateTimeOffset ForwardedAt { get; init; }
        public Guid[] Positions { get; init; } = [];
    }
}
