using System.Globalization;
using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Mailbox;

/// <summary>One letter in a mailbox folder.</summary>
public sealed record MailboxItem(
    Guid Id, Guid LetterId, string Direction, string Type, string Subject, string? Number, string? AgendaNumber, DateOnly? Date,
    string Status, string Security, string Urgency, string? From, bool Cc, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt,
    bool Unread, DateTimeOffset SortAt, string? SenderNumber = null)
{
    /// <summary>For an entry forwarded to the caller (teruskan): who forwarded it (their position's title).</summary>
    public string? ForwardedBy { get; init; }

    /// <summary>The forwarder's note.</summary>
    public string? ForwardNote { get; init; }
}

/// <summary>The caller's folders: inbox, cc, sent, drafts and tasks (waiting for my review or signature).</summary>
public sealed class Mailboxes(Db db, LetterStore letters)
{
    /// <summary>The folders.</summary>
    public static readonly IReadOnlyList<string> Folders = ["inbox", "cc", "sent", "drafts", "tasks"];

    private const string Columns =
        """
        l.id, l.id as letter_id, l.direction, l.type, l.subject, l.number, l.agenda_number, l.letter_date as date,
        case when l.recalled_at is null then l.status else 'Recalled' end as status, l.security, l.urgency,
        coalesce(l.sender_institution, l.signer_title, sp.title) as "from", l.sender_number, l.sender_institution
        """;

    // Letters forwarded to a position (teruskan): an inbox entry each, with who forwarded it and the note.
    private const string ForwardedEntries =
        "(select ft.id, ft.letter_id, ft.position_id, ft.read_at, f.forwarded_at, f.from_title, f.from_name, f.note from letter_forward_targets ft join letter_forwards f on f.id = ft.forward_id)";

    /// <summary>
    /// A page of a folder, newest first, filtered: <c>q</c> on the subject, our number, the agenda number,
    /// the sender's number and institution (any part); type, security, urgency, status; WIB days of the sort date; unread.
    /// </summary>
    public async Task<Page<MailboxItem>> ListAsync(string folder, Caller caller, MailboxFilter filter, int? limit, string? after, CancellationToken ct)
    {
        if (!Folders.Contains(folder))
        {
            throw ProblemException.NotFound("folder");
        }

        var take = Paging.Limit(limit);
        var cursor = Paging.Read(after, 2);
        var viewer = await letters.ViewerAsync(caller, ct);
        var source = folder switch
        {
            "inbox" or "cc" => $"""
                select {Columns}, r.cc, r.delivered_at, r.read_at, r.read_at is null as unread, r.delivered_at as sort_at, r.id as row_id
                from letter_recipients r join letters l on l.id = r.letter_id
                left join org_positions sp on sp.id = l.signer_position_id
                where r.target_position_id = any(@positions) and r.delivered_at is not null and r.cc = @cc and l.recalled_at is null
                union all
                select {Columns}, false as cc, t.forwarded_at as delivered_at, t.read_at, t.read_at is null as unread, t.forwarded_at as sort_at, t.id as row_id
                from {ForwardedEntries} t join letters l on l.id = t.letter_id
                left join org_positions sp on sp.id = l.signer_position_id
                where t.position_id = any(@positions) and not @cc and l.recalled_at is null
                """,
            "sent" => $"""
                select {Columns}, false as cc, null::timestamptz as delivered_at, null::timestamptz as read_at, false as unread, l.sent_at as sort_at, l.id as row_id
                from letters l left join org_positions sp on sp.id = l.signer_position_id
                where l.status = 'Sent' and (l.signer_position_id = any(@positions) or l.drafter_position_id = any(@positions)
                    or (l.drafter_position_id is null and l.drafter_user_id = @userId))
                """,
            "drafts" => $"""
                select {Columns}, false as cc, null::timestamptz as delivered_at, null::timestamptz as read_at, false as unread, l.updated_at as sort_at, l.id as row_id
                from letters l left join org_positions sp on sp.id = l.signer_position_id
                where l.status = 'Draft' and (l.drafter_position_id = any(@positions) or (l.drafter_position_id is null and l.drafter_user_id = @userId))
                """,
            _ => $"""
                select {Columns}, false as cc, null::timestamptz as delivered_at, null::timestamptz as read_at, true as unread, l.updated_at as sort_at, l.id as row_id
                from letters l left join org_positions sp on sp.id = l.signer_position_id
                where (l.status = 'InReview' and (
                        exists (select 1 from letter_reviewers lr where lr.letter_id = l.id and lr.step = l.review_step and lr.position_id = any(@positions))
                        or (l.signer_position_id = any(@positions)
                            and l.review_step = (select count(*) from letter_reviewers lr where lr.letter_id = l.id) + 1)))
                   or (l.status = 'Signed' and l.signer_position_id = any(@positions))
                """,
        };
        var rows = await db.QueryAsync<MailboxRow>(
            $"""
            select m.*, fw.from_title as forwarded_by, fw.from_name as forwarded_by_name, fw.note as forward_note
            from ({source}) m left join {ForwardedEntries} fw on fw.id = m.row_id
            where (not @unread or m.unread)
              and (@q::text is null or m.subject ilike @q or m.number ilike @q or m.agenda_number ilike @q
                   or m.sender_number ilike @q or m.sender_institution ilike @q)
              and (@type::text is null or m.type = @type)
              and (@security::text is null or m.security = @security)
              and (@urgency::text is null or m.urgency = @urgency)
              and (@status::text is null or m.status = @status)
              and (@fromAt::timestamptz is null or m.sort_at >= @fromAt)
              and (@toAt::timestamptz is null or m.sort_at < @toAt)
              and (@afterAt::timestamptz is null or (m.sort_at, m.row_id) < (@afterAt, @afterId))
            order by m.sort_at desc, m.row_id desc
            limit @take
            """,
            new
            {
                positions = viewer.Positions.ToArray(),
                userId = caller.UserId,
                cc = folder == "cc",
                unread = filter.Unread,
                q = SqlText.Contains(filter.Q),
                type = filter.Type,
                security = filter.Security,
                urgency = filter.Urgency,
                status = filter.Status,
                fromAt = filter.From,
                toAt = filter.ToExclusive,
                afterAt = cursor?.UtcTicks(0),
                afterId = cursor?.Id(1),
                take = take + 1,
            }, ct);
        var page = Paging.Build(rows, take, m => Paging.Encode(m.SortAt.UtcTicks.ToString(CultureInfo.InvariantCulture), m.RowId.ToString()));
        return new Page<MailboxItem>(
            page.Items.Select(m => new MailboxItem(m.Id, m.LetterId, m.Direction, m.Type, m.Subject, m.Number, m.AgendaNumber, m.Date, m.Status,
                m.Security, m.Urgency, m.From, m.Cc, m.DeliveredAt, m.ReadAt, m.Unread, m.SortAt, m.SenderNumber)
            {
                ForwardedBy = m.ForwardedBy ?? m.ForwardedByName,
                ForwardNote = m.ForwardNote,
            }).ToList(),
            page.Next);
    }

    private sealed class MailboxRow
    {
        public Guid Id { get; init; }
        public Guid LetterId { get; init; }
        public string Direction { get; init; } = "";
        public string Type { get; init; } = "";
        public string Subject { get; init; } = "";
        public string? Number { get; init; }
        public string? AgendaNumber { get; init; }
        public DateOnly? Date { get; init; }
        public string Status { get; init; } = "";
        public string Security { get; init; } = "";
        public string Urgency { get; init; } = "";
        public string? From { get; init; }
        public string? SenderNumber { get; init; }
        public string? SenderInstitution { get; init; }
        public bool Cc { get; init; }
        public DateTimeOffset? DeliveredAt { get; init; }
        public DateTimeOffset? ReadAt { get; init; }
        public bool Unread { get; init; }
        public DateTimeOffset SortAt { get; init; }
        public Guid RowId { get; init; }
        public string? ForwardedBy { get; init; }
        public string? ForwardedByName { get; init; }
        public string? ForwardNote { get; init; }
    }
}
