using System.Globalization;
using EOffice.Notification.Fanout;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Notification.Notifications;

/// <summary>A user's notifications (in-app) and their choice of email per kind of notice.</summary>
public sealed class NotificationStore(Db db)
{
    private const string Columns = "id, seq, kind, title, body, link, created_at, read_at";

    /// <summary>The user's notifications, newest first, optionally only the unread ones.</summary>
    public async Task<Page<NotificationView>> ListAsync(Guid userId, bool unread, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var cursor = Paging.Read(after, 1);
        var rows = await db.QueryAsync<NotificationView>(
            $"""
            select {Columns} from notifications
            where user_id = @userId and (not @unread or read_at is null) and (@afterSeq::bigint is null or seq < @afterSeq)
            order by seq desc limit @take
            """,
            new
            {
                userId,
                unread,
                take = take + 1,
                afterSeq = cursor?.Int64(0),
            }, ct);
        return Paging.Build(rows, take, n => Paging.Encode(n.Seq.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>How many of the user's notifications are unread.</summary>
    public Task<int> UnreadCountAsync(Guid userId, CancellationToken ct) =>
        db.ExecuteScalarAsync<int>("select count(*)::int from notifications where user_id = @userId and read_at is null", new { userId }, ct);

    /// <summary>Marks one of the user's notifications read (once); null when it is not theirs.</summary>
    public Task<NotificationView?> MarkReadAsync(Guid id, Guid userId, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<NotificationView>(
            $"update notifications set read_at = coalesce(read_at, now()) where id = @id and user_id = @userId returning {Columns}",
            new { id, userId }, ct);

    /// <summary>Marks every unread notification of the user read; how many.</summary>
    public async Task<int> MarkAllReadAsync(Guid userId, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var n = await uow.ExecuteAsync("update notifications set read_at = now() where user_id = @userId and read_at is null", new { userId });
        await uow.CommitAsync();
        return n;
    }

    /// <summary>The newest notification's sequence number of the user (0 for none): a live stream starts after it.</summary>
    public Task<long> LatestSeqAsync(Guid userId, CancellationToken ct) =>
        db.ExecuteScalarAsync<long>("select coalesce(max(seq), 0) from notifications where user_id = @userId", new { userId }, ct);

    /// <summary>The user's notifications after a sequence number, oldest first, at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<NotificationView>> AfterAsync(Guid userId, long last, int limit, CancellationToken ct) =>
        db.QueryAsync<NotificationView>(
            $"select {Columns} from notifications where user_id = @userId and seq > @last order by seq limit @limit", new { userId, last, limit }, ct);

    /// <summary>The user's delivery per kind of notice: in-app always, email when chosen.</summary>
    public async Task<Page<PreferenceView>> PreferencesAsync(Guid userId, CancellationToken ct)
    {
        var chosen = (await db.QueryAsync<(string Kind, bool Email)>("select kind, email from preferences where user_id = @userId", new { userId }, ct))
            .ToDictionary(p => p.Kind, p => p.Email);
        return new Page<PreferenceView>(NoticeKinds.All.Select(k => new PreferenceView(k, true, chosen.GetValueOrDefault(k))).ToList(), null);
    }

    /// <summary>Changes the user's email choices (each kind known, each with <c>email</c>); all or none.</summary>
    public async Task SavePreferencesAsync(Guid userId, IReadOnlyList<PreferenceChange> changes, CancellationToken ct)
    {
        var errors = new FieldErrors();
        for (var i = 0; i < changes.Count; i++)
        {
            errors.Check(changes[i].Kind is { } k && NoticeKinds.All.Contains(k), $"[{i}].kind", $"One of: {string.Join(", ", NoticeKinds.All)}.");
            errors.Check(changes[i].Email is not null, $"[{i}].email", "Required.");
        }

        errors.ThrowIfAny();
        await using var uow = await db.BeginAsync(ct);
        foreach (var c in changes)
        {
            await uow.ExecuteAsync(
                "insert into preferences (user_id, kind, email) values (@userId, @Kind, @Email) on conflict (user_id, kind) do update set email = excluded.email",
                new { userId, c.Kind, c.Email });
        }

        await uow.CommitAsync();
    }
}
