using System.Globalization;
using EOffice.Contracts;
using EOffice.Correspondence.Letters;
using EOffice.Correspondence.Timeline;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Email;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Dispatch;

/// <summary>An external addressee's dispatch as the letter shows it.</summary>
public sealed record DispatchView(
    Guid Id, string Name, string? Address, string? Email, bool Cc, string Method, string State, int Attempts, string? LastError,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? At, string? Courier, string? TrackingNumber, string? DispatchedBy);

/// <summary>A dispatch in the secretariat's list, with the letter it carries (the subject only of a Biasa letter).</summary>
public sealed record DispatchItem(
    Guid Id, Guid LetterId, string Type, string? Number, DateOnly? Date, string? Subject, string Security, string Name, string? Address,
    string? Email, string Method, string State, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? At,
    string? Courier, string? TrackingNumber, string? Note, string? DispatchedBy);

/// <summary>
/// Dispatch to external addressees: recorded per addressee when a letter is sent (in the sending
/// transaction), sent by e-mail by <see cref="LetterMailer"/>, or listed for the secretariat of the
/// sending agency to dispatch on paper.
/// </summary>
public sealed class Dispatches(Db db, LetterStore letters, EmailSettings email)
{
    /// <summary>
    /// Records how each external addressee gets the letter; called by sending, in its transaction (all addressees'
    /// dispatches in one statement). Returns their timeline entries, for sending to write with its own.
    /// </summary>
    public async Task<IReadOnlyList<TimelineAppend>> QueueAsync(UnitOfWork uow, LetterAggregate a, Caller caller, Guid? senderPosition)
    {
        var l = a.Letter;
        var queued = a.Recipients.Where(r => r.ExternalName is not null).Select(r =>
        {
            var method = DispatchRules.Method(r.ExternalEmail, l.Security, email.Enabled);
            return (Recipient: r, Method: method, ByEmail: method == DispatchMethods.Email);
        }).ToList();
        if (queued.Count == 0)
        {
            return [];
        }

        await uow.ExecuteAsync(
            """
            insert into letter_dispatches (id, letter_id, recipient_id, unit_id, name, address, email, method, state, next_attempt_at)
            select d.id, @letterId, d.recipient_id, @unitId, d.name, d.address, d.email, d.method, d.state, case when d.by_email then now() end
            from unnest(@ids::uuid[], @recipientIds::uuid[], @names::text[], @addresses::text[], @emails::text[], @methods::text[],
                        @states::text[], @byEmail::boolean[])
                as d (id, recipient_id, name, address, email, method, state, by_email)
            """,
            new
            {
                letterId = l.Id,
                unitId = l.UnitId,
                ids = queued.Select(_ => Guid.CreateVersion7()).ToArray(),
                recipientIds = queued.Select(q => q.Recipient.Id).ToArray(),
                names = queued.Select(q => q.Recipient.ExternalName).ToArray(),
                addresses = queued.Select(q => q.Recipient.ExternalAddress).ToArray(),
                emails = queued.Select(q => q.Recipient.ExternalEmail).ToArray(),
                methods = queued.Select(q => q.Method).ToArray(),
                states = queued.Select(q => q.ByEmail ? DispatchStates.Queued : DispatchStates.Pending).ToArray(),
                byEmail = queued.Select(q => q.ByEmail).ToArray(),
            });
        return queued.Select(q => new TimelineAppend(caller, senderPosition, DispatchActions.Queued,
            new { to = q.Recipient.ExternalName, method = q.Method, email = q.ByEmail ? q.Recipient.ExternalEmail : null })).ToList();
    }

    /// <summary>The dispatches of a letter, in the order of its addressees.</summary>
    public static async Task<IReadOnlyList<DispatchView>> OfLetterAsync(Db db, Guid letterId, CancellationToken ct) =>
        Views(await db.QueryAsync<DispatchRow>(OfLetterSql, new { letterId }, ct));

    /// <summary>The dispatches of the letter <c>@letterId</c> in the order of its addressees (for a store's own batch; see <see cref="Views"/>).</summary>
    public const string OfLetterSql =
        $"""
        select {Columns}, r.cc from letter_dispatches d join letter_recipients r on r.id = d.recipient_id
        where d.letter_id = @letterId order by r.ordinal
        """;

    /// <summary>Dispatch rows as the letter shows them.</summary>
    public static IReadOnlyList<DispatchView> Views(IEnumerable<DispatchRow> rows) =>
        rows.Select(d => new DispatchView(d.Id, d.Name, d.Address, d.Email, d.Cc, d.Method, d.State, d.Attempts, d.LastError,
            d.NextAttemptAt, d.SentAt ?? d.DispatchedAt, d.Courier, d.TrackingNumber, d.DispatchedByName)).ToList();

    // The columns of letter_dispatches that DispatchRow holds (d is the dispatch).
    private const string Columns =
        "d.id, d.letter_id, d.recipient_id, d.name, d.address, d.email, d.method, d.state, d.attempts, d.last_error, d.next_attempt_at, "
        + "d.sent_at, d.dispatched_at, d.dispatched_by_name, d.courier, d.tracking_number, d.note, d.created_at";

    /// <summary>
    /// A page of dispatches in a state, oldest first: for the secretariat, those of letters sent by their
    /// agency; for an admin, all; for anyone else 403.
    /// </summary>
    public async Task<Page<DispatchItem>> ListAsync(string? state, Caller caller, int? limit, string? after, CancellationToken ct)
    {
        var stored = DispatchRules.StoredState(state);
        var take = Paging.Limit(limit);
        var cursor = Paging.Read(after, 2);
        var units = await ScopeAsync(caller, ct);
        var rows = await db.QueryAsync<DispatchRow>(
            $"""
            select {Columns}, l.type, l.number, l.letter_date, l.subject, l.security
            from letter_dispatches d join letters l on l.id = d.letter_id
            where d.state = @stored and (@all or d.unit_id = any(@units))
              and (@afterAt::timestamptz is null or (d.created_at, d.id) > (@afterAt, @afterId))
            order by d.created_at, d.id
            limit @take
            """,
            new { stored, all = units is null, units = units ?? [], afterAt = cursor?.UtcTicks(0), afterId = cursor?.Id(1), take = take + 1 }, ct);
        var page = Paging.Build(rows, take, d => Paging.Encode(d.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), d.Id.ToString()));
        return new Page<DispatchItem>(page.Items.Select(Item).ToList(), page.Next);
    }

    /// <summary>Marks a paper dispatch (or a failed e-mail, now sent on paper) dispatched: by whom, when, courier and tracking number.</summary>
    public async Task<DispatchItem> MarkDispatchedAsync(Guid id, DispatchedRequest r, Caller caller, CancellationToken ct)
    {
        DispatchRules.Validate(r);
        var units = await ScopeAsync(caller, ct);
        await using var uow = await db.BeginAsync(ct);
        var d = await uow.QuerySingleOrDefaultAsync<DispatchRow>(
            $"select {Columns} from letter_dispatches d where d.id = @id and (@all or d.unit_id = any(@units)) for update",
            new { id, all = units is null, units = units ?? [] }) ?? throw ProblemException.NotFound("dispatch");
        if (!DispatchRules.MayMarkDispatched(d.State))
        {
            throw ProblemException.Conflict("wrong-state", $"Pengiriman ini berstatus {d.State}; hanya yang menunggu (pending) atau gagal (failed) yang dapat ditandai terkirim.");
        }

        await uow.ExecuteAsync(
            """
            update letter_dispatches set method = 'paper', state = 'dispatched', next_attempt_at = null, dispatched_at = now(),
                dispatched_by_user_id = @userId, dispatched_by_name = @name, courier = @Courier, tracking_number = @TrackingNumber, note = @Note
            where id = @id
            """,
            new { id, userId = caller.UserId, name = caller.Name, courier = r.Courier?.Trim(), trackingNumber = r.TrackingNumber?.Trim(), note = r.Note?.Trim() });
        await uow.ExecuteAsync("update letter_recipients set dispatched_at = now() where id = @RecipientId", d);
        await LetterTimeline.AppendAsync(uow, d.LetterId, caller, null, TimelineActions.Dispatched,
            new { to = d.Name, method = DispatchMethods.Paper, courier = r.Courier?.Trim(), trackingNumber = r.TrackingNumber?.Trim() });
        await uow.AuditAsync(caller.UserId, "letter-dispatched", "letter", d.LetterId, new { dispatch = id, r.Courier, r.TrackingNumber });
        await uow.CommitAsync();
        var row = await db.QuerySingleOrDefaultAsync<DispatchRow>(
            $"""
            select {Columns}, l.type, l.number, l.letter_date, l.subject, l.security
            from letter_dispatches d join letters l on l.id = d.letter_id where d.id = @id
            """, new { id }, ct);
        return Item(row!);
    }

    // The units whose dispatches the caller handles: null for an admin (all), the agency of a secretariat; 403 otherwise.
    private async Task<Guid[]?> ScopeAsync(Caller caller, CancellationToken ct)
    {
        if (caller.IsIn("admin"))
        {
            return null;
        }

        var viewer = await letters.ViewerAsync(caller, ct);
        return viewer.SecretariatUnits.Count > 0
            ? viewer.SecretariatUnits.ToArray()
            : throw ProblemException.Forbidden("Hanya sekretariat (tata usaha) instansi pengirim yang mengurus pengiriman surat ke alamat luar.");
    }

    private static DispatchItem Item(DispatchRow d) => new(
        d.Id, d.LetterId, d.Type, d.Number, d.LetterDate, SecurityLevels.SubjectIsPublic(d.Security) ? d.Subject : null, d.Security,
        d.Name, d.Address, d.Email, d.Method, d.State, d.Attempts, d.LastError, d.CreatedAt, d.SentAt ?? d.DispatchedAt,
        d.Courier, d.TrackingNumber, d.Note, d.DispatchedByName);

    /// <summary>A row of <c>letter_dispatches</c> (with its letter's facts when joined).</summary>
    public sealed class DispatchRow
    {
        public Guid Id { get; init; }
        public Guid LetterId { get; init; }
        public Guid RecipientId { get; init; }
        public string Name { get; init; } = "";
        public string? Address { get; init; }
        public string? Email { get; init; }
        public bool Cc { get; init; }
        public string Method { get; init; } = "";
        public string State { get; init; } = "";
        public int Attempts { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset? NextAttemptAt { get; init; }
        public DateTimeOffset? SentAt { get; init; }
        public DateTimeOffset? DispatchedAt { get; init; }
        public string? DispatchedByName { get; init; }
        public string? Courier { get; init; }
        public string? TrackingNumber { get; init; }
        public string? Note { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string Type { get; init; } = "";
        public string? Number { get; init; }
        public DateOnly? LetterDate { get; init; }
        public string Subject { get; init; } = "";
        public string Security { get; init; } = "Biasa";
    }
}
