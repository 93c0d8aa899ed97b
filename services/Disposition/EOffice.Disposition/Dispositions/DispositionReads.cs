using System.Globalization;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Disposition.Dispositions;

/// <summary>Dispositions as people see them: one, a letter's tree, the inbox and sent lists; each row with its letter, positions, names and follow-ups.</summary>
public sealed class DispositionReads(Db db, OrgChart org, TimeProvider clock)
{
    /// <summary>One disposition the caller may see; the assignee's first look marks it read.</summary>
    public async Task<DispositionView> GetAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        await using var uow = await db.BeginAsync(ct);
        var d = await DispositionStore.VisibleAsync(uow, id, mine);
        if (mine.Contains(d.ToPositionId))
        {
            await DispositionStore.MarkReadAsync(uow, d, caller, inProgress: false);
        }

        await uow.CommitAsync();
        return (await ViewsAsync([id], ct)).Single();
    }


    /// <summary>The dispositions of a letter as a tree, oldest first, for anyone who received the letter or is in the tree.</summary>
    public async Task<IReadOnlyList<DispositionView>> TreeAsync(Guid letterId, Caller caller, CancellationToken ct)
    {
        var mine = (await org.PositionsOfAsync(caller.UserId, ct)).ToArray();
        var allowed = await db.ExecuteScalarAsync<bool>(
            """
            select exists (select 1 from letter_receipts where letter_id = @letterId and position_id = any(@mine))
                or exists (select 1 from dispositions where letter_id = @letterId and (to_position_id = any(@mine) or from_position_id = any(@mine)))
            """, new { letterId, mine }, ct);
        if (!allowed)
        {
            throw ProblemException.NotFound("letter");
        }

        var all = await db.QueryAsync<DispositionRow>(DispositionRow.Select + " where letter_id = @letterId order by created_at, id", new { letterId }, ct);
        var visible = DispositionRules.VisibleTo(all, mine);
        var views = await ViewsAsync(all.Where(d => visible.Contains(d.Id)).Select(d => d.Id).ToList(), ct);
        var byId = views.ToDictionary(v => v.Id);
        var roots = new List<DispositionView>();
        foreach (var v in views)
        {
            if (v.ParentId is { } p && byId.TryGetValue(p, out var parent))
            {
                parent.Children.Add(v);
            }
            else
            {
                roots.Add(v);
            }
        }

        return roots;
    }

    /// <summary>The caller's incoming or sent dispositions, newest first.</summary>
    public async Task<Page<DispositionView>> ListAsync(string box, string? status, bool? overdue, Guid? letterId, Caller caller, int? limit, string? after, CancellationToken ct)
    {
        if (box is not ("inbox" or "sent"))
        {
            throw ProblemException.Invalid("box", "inbox or sent.");
        }

        if (status is not null && status is not (DispositionStatus.Open or DispositionStatus.Read or DispositionStatus.InProgress or DispositionStatus.Completed or DispositionStatus.Cancelled))
        {
            throw ProblemException.Invalid("status", "Open, Read, InProgress, Completed or Cancelled.");
        }

        var take = Paging.Limit(limit);
        var cursor = Paging.Read(after, 2);
        var mine = (await org.PositionsOfAsync(caller.UserId, ct)).ToArray();
        var column = box == "inbox" ? "to_position_id" : "from_position_id";
        var rows = await db.QueryAsync<DispositionRow>(
            $"""
            {DispositionRow.Select}
            where {column} = any(@mine)
              and (@status::text is null or status = @status)
              and (@overdue::boolean is null or (@overdue = (due_at < now() and status not in ('Completed', 'Cancelled'))))
              and (@letterId::uuid is null or letter_id = @letterId)
              and (@afterAt::timestamptz is null or (created_at, id) < (@afterAt, @afterId))
            order by created_at desc, id desc
            limit @take
            """,
            new
            {
                mine,
                status,
                overdue,
                letterId,
                take = take + 1,
                afterAt = cursor?.UtcTicks(0),
                afterId = cursor?.Id(1),
            }, ct);
        var page = Paging.Build(rows, take, d => Paging.Encode(d.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), d.Id.ToString()));
        return new Page<DispositionView>(await ViewsAsync(page.Items.Select(d => d.Id).ToList(), ct), page.Next);
    }

    /// <summary>Views of dispositions, in the given order.</summary>
    public async Task<IReadOnlyList<DispositionView>> ViewsAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var rows = (await db.QueryAsync<DispositionRow>(DispositionRow.Select + " where id = any(@ids)", new { ids = ids.ToArray() }, ct)).ToDictionary(d => d.Id);
        var followUps = (await db.QueryAsync<FollowUpRow>(
            "select id, disposition_id, user_id, position_id, note, attachment_ref, created_at from follow_ups where disposition_id = any(@ids) order by created_at",
            new { ids = ids.ToArray() }, ct)).ToLookup(f => f.DispositionId);
        var files = (await db.QueryAsync<FollowUpStore.FollowUpFileRow>(
            "select id, follow_up_id, file_name, content_type, size, sha256 from follow_up_files where disposition_id = any(@ids) order by uploaded_at, id",
            new { ids = ids.ToArray() }, ct)).ToLookup(f => f.FollowUpId);
        var positions = (await org.PositionsAsync(rows.Values.SelectMany(d => new[] { d.FromPositionId, d.ToPositionId }), ct)).ToDictionary(p => p.Id);
        var letters = (await db.QueryAsync<LetterRow>(
            """
            select distinct on (letter_id) letter_id, number, agenda_number, sender_number, subject, sender, security, urgency
            from letter_receipts where letter_id = any(@letterIds) order by letter_id, received_at
            """, new { letterIds = rows.Values.Select(d => d.LetterId).Distinct().ToArray() }, ct)).ToDictionary(l => l.LetterId);
        var userIds = rows.Values.Select(d => d.FromUserId).Concat(followUps.SelectMany(g => g.Select(f => f.UserId))).Distinct().ToList();
        var users = (await org.UsersAsync(userIds, ct)).ToDictionary(u => u.Id, u => u.Name);
        var names = userIds.ToDictionary(u => u, u => users.GetValueOrDefault(u));

        PositionRef Ref(Guid id) => positions.TryGetValue(id, out var p) ? new PositionRef(id, p.Title, p.UnitName, p.HolderName) : new PositionRef(id, null, null, null);
        var now = clock.GetUtcNow();
        return ids.Where(rows.ContainsKey).Select(id =>
        {
            var d = rows[id];
            var from = Ref(d.FromPositionId);
            return new DispositionView(d.Id, d.LetterId, d.ParentId, from, names[d.FromUserId], Ref(d.ToPositionId), d.Instructions,
                d.Note, d.DueAt, d.Priority, d.Status, DispositionRules.IsOverdue(d, now), d.ReadAt, d.CompletedAt, d.CancelledAt, d.CreatedAt,
                followUps[id].Select(f => new FollowUpView(f.Id, f.CreatedAt, f.Note, f.AttachmentRef, f.PositionId, names[f.UserId])
                {
                    Files = files[f.Id].Select(x => new FollowUpFileView(x.Id, x.FileName, x.ContentType, x.Size, x.Sha256)).ToList(),
                }).ToList(), [])
            {
                FromAs = from.Title is { } title ? OrgChart.TitleAs(title, d.FromActingKind) : null,
                Late = d.Late,
                Letter = letters.TryGetValue(d.LetterId, out var l)
                    ? new DispositionLetter(l.Number, l.AgendaNumber, l.SenderNumber, l.Subject, l.Sender, l.Security, l.Urgency)
                    : null,
            };
        }).ToList();
    }


    private sealed class LetterRow
    {
        public Guid LetterId { get; init; }
        public string? Number { get; init; }
        public string? AgendaNumber { get; init; }
        public string? SenderNumber { get; init; }
        public string? Subject { get; init; }
        public string? Sender { get; init; }
        public string? Security { get; init; }
        public string? Urgency { get; init; }
    }



    private sealed class FollowUpRow
    {
        public Guid Id { get; init; }
        public Guid DispositionId { get; init; }
        public Guid UserId { get; init; }
        public Guid PositionId { get; init; }
        public string Note { get; init; } = "";
        public string? AttachmentRef { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }
}
