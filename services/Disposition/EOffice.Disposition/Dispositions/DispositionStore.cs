using System.Globalization;
using EOffice.Contracts;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Files;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.OrgChart;

namespace EOffice.Disposition.Dispositions;

/// <summary>Disposition settings (section <c>Disposition</c>).</summary>
public sealed class DispositionSettings
{
    /// <summary>Working days a <c>Biasa</c> letter's disposition is due in.</summary>
    public int BiasaWorkingDays { get; set; } = 5;

    /// <summary>How often overdue dispositions are looked for.</summary>
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest file reported with a follow-up, in bytes (25 MB by default, as letter attachments).</summary>
    public long MaxFileBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Most files one follow-up may carry.</summary>
    public int MaxFilesPerFollowUp { get; set; } = 5;
}

/// <summary>Disposing, forwarding, reading, following up, completing and cancelling; the tree and the lists.</summary>
public sealed class DispositionStore(Db db, OrgChart org, DispositionSettings settings, TimeProvider clock)
{
    private const string Select = "select * from dispositions";

    /// <summary>Disposes a received letter from one of the caller's positions to subordinate positions.</summary>
    public async Task<IReadOnlyList<Guid>> DisposeAsync(Guid letterId, DisposeRequest r, Caller caller, CancellationToken ct)
    {
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        await using var uow = await db.BeginAsync(ct);
        // The caller's positions that received the letter or had it disposed to them.
        var entitled = await uow.QueryAsync<Guid>(
            """
            select position_id from letter_receipts where letter_id = @letterId and position_id = any(@mine)
            union
            select to_position_id from dispositions where letter_id = @letterId and to_position_id = any(@mine) and status <> 'Cancelled'
            """, new { letterId, mine = mine.ToArray() });
        if (entitled.Count == 0)
        {
            throw ProblemException.NotFound("letter");
        }

        var from = r.FromPositionId ?? entitled[0];
        if (!entitled.Contains(from))
        {
            throw ProblemException.Forbidden("You may dispose this letter only from a position it reached.");
        }

        var parent = await uow.QuerySingleOrDefaultAsync<DispositionRow>(
            Select + " where letter_id = @letterId and to_position_id = @from and status <> 'Cancelled' order by created_at desc limit 1",
            new { letterId, from });
        var ids = await CreateAsync(uow, letterId, parent, from, r, caller, ct);
        await uow.CommitAsync();
        return ids;
    }

    /// <summary>Forwards a disposition the caller received further down.</summary>
    public async Task<IReadOnlyList<Guid>> ForwardAsync(Guid id, DisposeRequest r, Caller caller, CancellationToken ct)
    {
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        await using var uow = await db.BeginAsync(ct);
        var d = await VisibleAsync(uow, id, mine);
        if (!mine.Contains(d.ToPositionId))
        {
            throw ProblemException.Forbidden("Only the recipient of a disposition may forward it.");
        }

        if (DispositionStatus.IsClosed(d.Status))
        {
            throw ProblemException.Conflict("wrong-state", $"A {d.Status} disposition cannot be forwarded.");
        }

        var ids = await CreateAsync(uow, d.LetterId, d, d.ToPositionId, r with { FromPositionId = d.ToPositionId }, caller, ct);
        await MarkReadAsync(uow, d, caller, inProgress: true);
        await uow.CommitAsync();
        return ids;
    }

    private async Task<IReadOnlyList<Guid>> CreateAsync(UnitOfWork uow, Guid letterId, DispositionRow? parent, Guid from, DisposeRequest r, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var parentId = parent?.Id;
        var instructions = (await uow.QueryAsync<string>("select code from instructions where active")).ToHashSet(StringComparer.Ordinal);
        DispositionRules.Validate(r, instructions, now, parent?.DueAt);
        foreach (var to in r.To!)
        {
            if (!await org.IsBelowAsync(to, from, ct, uow))
            {
                throw ProblemException.Forbidden("A disposition goes only to positions below yours in the org chart.");
            }
        }

        var urgency = await uow.ExecuteScalarAsync<string>(
            "select urgency from letter_receipts where letter_id = @letterId order by received_at limit 1", new { letterId }) ?? UrgencyLevels.Biasa;
        var due = DispositionRules.Due(r.DueAt, urgency, now, settings.BiasaWorkingDays, parent?.DueAt);
        var actingKind = await org.ActingKindAsync(caller.UserId, from, ct, uow);
        var ids = new List<Guid>();
        foreach (var to in r.To!)
        {
            var id = Guid.CreateVersion7();
            await uow.ExecuteAsync(
                """
                insert into dispositions (id, letter_id, parent_id, from_position_id, from_user_id, from_acting_kind, to_position_id, instructions, note, due_at, priority)
                values (@id, @letterId, @parentId, @from, @userId, @actingKind, @to, @instructions, @Note, @due, @priority)
                """,
                new { id, letterId, parentId, from, userId = caller.UserId, actingKind, to, instructions = r.Instructions!.ToArray(), r.Note, due, priority = r.Priority ?? "Normal" });
            await uow.PublishAsync(new DispositionCreated(id, letterId, parentId, from, to, r.Instructions!, r.Note, due, r.Priority ?? "Normal", now));
            await uow.AuditAsync(caller.UserId, "disposition-created", "disposition", id, new { letterId, from, to });
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>One disposition the caller may see; the assignee's first look marks it read.</summary>
    public async Task<DispositionView> GetAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        await using var uow = await db.BeginAsync(ct);
        var d = await VisibleAsync(uow, id, mine);
        if (mine.Contains(d.ToPositionId))
        {
            await MarkReadAsync(uow, d, caller, inProgress: false);
        }

        await uow.CommitAsync();
        return (await ViewsAsync([id], ct)).Single();
    }

    /// <summary>Reports follow-up (the assignee only); the disposition is then in progress.</summary>
    public async Task FollowUpAsync(Guid id, FollowUpRequest r, Caller caller, CancellationToken ct, IReadOnlyList<CheckedFile>? files = null)
    {
        new FieldErrors().Required("note", r.Note, 4000).Check(r.AttachmentRef is null || r.AttachmentRef.Length <= 500, "attachmentRef", "At most 500 characters.").ThrowIfAny();
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        await using var uow = await db.BeginAsync(ct);
        var d = await AssignedAsync(uow, id, mine, "followed up");
        var fid = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            "insert into follow_ups (id, disposition_id, user_id, position_id, note, attachment_ref) values (@fid, @id, @userId, @position, @Note, @AttachmentRef)",
            new { fid, id, userId = caller.UserId, position = d.ToPositionId, r.Note, r.AttachmentRef });
        foreach (var f in files ?? [])
        {
            await uow.ExecuteAsync(
                """
                insert into follow_up_files (id, follow_up_id, disposition_id, file_name, content_type, size, sha256, content, uploaded_by)
                values (@fileId, @fid, @id, @FileName, @ContentType, @Size, @Sha256, @Content, @userId)
                """, new { fileId = Guid.CreateVersion7(), fid, id, f.FileName, f.ContentType, f.Size, f.Sha256, f.Content, userId = caller.UserId });
        }

        await MarkReadAsync(uow, d, caller, inProgress: true);
        await uow.PublishAsync(new DispositionFollowedUp(id, d.LetterId, d.FromPositionId, d.ToPositionId, r.Note!, clock.GetUtcNow()));
        await uow.CommitAsync();
    }

    /// <summary>Completes it (the assignee only).</summary>
    public async Task CompleteAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        await using var uow = await db.BeginAsync(ct);
        var d = await AssignedAsync(uow, id, mine, "completed");
        DispositionRules.RequireChildrenClosed(await uow.QueryAsync<DispositionRow>(Select + " where parent_id = @id", new { id }));
        var now = clock.GetUtcNow();
        await uow.ExecuteAsync(
            """
            update dispositions set status = 'Completed', completed_at = @now, late = @late, read_at = coalesce(read_at, @now),
                read_by_user_id = coalesce(read_by_user_id, @userId), updated_at = now()
            where id = @id
            """, new { id, userId = caller.UserId, now, late = DispositionRules.IsLate(d.DueAt, now) });
        var open = await uow.ExecuteScalarAsync<int>(
            "select count(*)::int from dispositions where letter_id = @letterId and status not in ('Completed', 'Cancelled')", new { d.LetterId });
        await uow.PublishAsync(new DispositionCompleted(id, d.LetterId, d.FromPositionId, d.ToPositionId, open == 0, now)
        {
            Late = DispositionRules.IsLate(d.DueAt, now),
        });
        await uow.CommitAsync();
    }

    /// <summary>Cancels it: its sender only, and only while it is unread.</summary>
    public async Task CancelAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        await using var uow = await db.BeginAsync(ct);
        var d = await VisibleAsync(uow, id, mine);
        if (!mine.Contains(d.FromPositionId))
        {
            throw ProblemException.Forbidden("Only the sender of a disposition may cancel it.");
        }

        if (d.Status != DispositionStatus.Open)
        {
            throw ProblemException.Conflict("wrong-state", d.ReadAt is not null
                ? "The recipient has already read this disposition; it can no longer be cancelled."
                : $"A {d.Status} disposition cannot be cancelled.");
        }

        await uow.ExecuteAsync("update dispositions set status = 'Cancelled', cancelled_at = now(), updated_at = now() where id = @id", new { id });
        await uow.PublishAsync(new DispositionCancelled(id, d.LetterId, d.FromPositionId, d.ToPositionId, clock.GetUtcNow()));
        await uow.AuditAsync(caller.UserId, "disposition-cancelled", "disposition", id);
        await uow.CommitAsync();
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

        var all = await db.QueryAsync<DispositionRow>(Select + " where letter_id = @letterId order by created_at, id", new { letterId }, ct);
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
            {Select}
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
        var rows = (await db.QueryAsync<DispositionRow>(Select + " where id = any(@ids)", new { ids = ids.ToArray() }, ct)).ToDictionary(d => d.Id);
        var followUps = (await db.QueryAsync<FollowUpRow>(
            "select id, disposition_id, user_id, position_id, note, attachment_ref, created_at from follow_ups where disposition_id = any(@ids) order by created_at",
            new { ids = ids.ToArray() }, ct)).ToLookup(f => f.DispositionId);
        var files = (await db.QueryAsync<FollowUpFileRow>(
            "select id, follow_up_id, file_name, content_type, size, sha256 from follow_up_files where disposition_id = any(@ids) order by uploaded_at, id",
            new { ids = ids.ToArray() }, ct)).ToLookup(f => f.FollowUpId);
        var positions = (await org.PositionsAsync(rows.Values.SelectMany(d => new[] { d.FromPositionId, d.ToPositionId }), ct)).ToDictionary(p => p.Id);
        var letters = (await db.QueryAsync<LetterRow>(
            """
            select distinct on (letter_id) letter_id, number, agenda_number, sender_number, subject, sender, security, urgency
            from letter_receipts where letter_id = any(@letterIds) order by letter_id, received_at
            """, new { letterIds = rows.Values.Select(d => d.LetterId).Distinct().ToArray() }, ct)).ToDictionary(l => l.LetterId);
        var names = new Dictionary<Guid, string?>();
        foreach (var user in rows.Values.Select(d => d.FromUserId).Concat(followUps.SelectMany(g => g.Select(f => f.UserId))).Distinct())
        {
            names[user] = (await org.UserAsync(user, ct))?.Name;
        }

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

    /// <summary>
    /// A follow-up file of a disposition the caller may see (the same rule as the disposition: the branches the caller is on),
    /// its content written to the stream <paramref name="start"/> returns once given the metadata; 404 otherwise.
    /// </summary>
    public async Task DownloadAsync(Guid id, Guid fileId, Caller caller, Func<FollowUpFileView, Stream> start, CancellationToken ct)
    {
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        var letter = await db.QueryAsync<DispositionRow>(
            Select + " where letter_id = (select letter_id from dispositions where id = @id)", new { id }, ct);
        if (!DispositionRules.VisibleTo(letter, mine).Contains(id))
        {
            throw ProblemException.NotFound("disposition");
        }

        var meta = await db.QuerySingleOrDefaultAsync<FollowUpFileRow>(
            "select id, follow_up_id, file_name, content_type, size, sha256 from follow_up_files where id = @fileId and disposition_id = @id",
            new { fileId, id }, ct) ?? throw ProblemException.NotFound("file");
        var content = await db.ExecuteScalarAsync<byte[]>("select content from follow_up_files where id = @fileId", new { fileId }, ct)
            ?? throw ProblemException.NotFound("file");
        var body = start(new FollowUpFileView(meta.Id, meta.FileName, meta.ContentType, meta.Size, meta.Sha256));
        await body.WriteAsync(content, ct);
    }

    // One rule for the tree and a single disposition: the branches the caller is on (DispositionRules.VisibleTo).
    private static async Task<DispositionRow> VisibleAsync(UnitOfWork uow, Guid id, IReadOnlyList<Guid> mine)
    {
        var letter = await uow.QueryAsync<DispositionRow>(
            Select + " where letter_id = (select letter_id from dispositions where id = @id)", new { id });
        if (!DispositionRules.VisibleTo(letter, mine).Contains(id))
        {
            throw ProblemException.NotFound("disposition");
        }

        return await uow.QuerySingleOrDefaultAsync<DispositionRow>(Select + " where id = @id for update", new { id })
            ?? throw ProblemException.NotFound("disposition");
    }

    private static async Task<DispositionRow> AssignedAsync(UnitOfWork uow, Guid id, IReadOnlyList<Guid> mine, string action)
    {
        var d = await VisibleAsync(uow, id, mine);
        if (!mine.Contains(d.ToPositionId))
        {
            throw ProblemException.Forbidden($"Only the recipient of a disposition may have it {action}.");
        }

        if (DispositionStatus.IsClosed(d.Status))
        {
            throw ProblemException.Conflict("wrong-state", $"A {d.Status} disposition cannot be {action}.");
        }

        return d;
    }

    private static Task MarkReadAsync(UnitOfWork uow, DispositionRow d, Caller caller, bool inProgress) =>
        uow.ExecuteAsync(
            """
            update dispositions set read_at = coalesce(read_at, now()), read_by_user_id = coalesce(read_by_user_id, @userId),
                status = case when status = 'Open' or (@inProgress and status = 'Read') then (case when @inProgress then 'InProgress' else 'Read' end) else status end,
                updated_at = now()
            where id = @Id and status not in ('Completed', 'Cancelled')
            """, new { d.Id, userId = caller.UserId, inProgress });

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

    private sealed class FollowUpFileRow
    {
        public Guid Id { get; init; }
        public Guid FollowUpId { get; init; }
        public string FileName { get; init; } = "";
        public string ContentType { get; init; } = "";
        public long Size { get; init; }
        public string Sha256 { get; init; } = "";
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
