using System.Globalization;
using System.Text.Json;
using EOffice.Notification.Fanout;
using EOffice.Notification.Live;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Notification.Notifications;

/// <summary>A notification as the API shows it.</summary>
public sealed record NotificationView
{
    public Guid Id { get; init; }
    public long Seq { get; init; }
    public string Kind { get; init; } = "";
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
    public string? Link { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; init; }
}

/// <summary>A kind's delivery: in-app always, email when chosen.</summary>
public sealed record PreferenceView(string Kind, bool InApp, bool Email);

/// <summary>Preferences to change.</summary>
public sealed record PreferenceChange(string? Kind, bool? Email);

/// <summary>The caller's notifications: list, unread count, read marks, preferences and the live stream.</summary>
public static class NotificationEndpoints
{
    private const string Columns = "id, seq, kind, title, body, link, created_at, read_at";

    /// <summary>Maps the endpoints.</summary>
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications");
        group.MapGet("", async (bool? unread, int? limit, string? after, HttpContext http, Db db, CancellationToken ct) =>
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
                    userId = http.Caller().UserId,
                    unread = unread ?? false,
                    take = take + 1,
                    afterSeq = cursor?.Int64(0),
                }, ct);
            return TypedResults.Ok(Paging.Build(rows, take, n => Paging.Encode(n.Seq.ToString(CultureInfo.InvariantCulture))));
        });
        group.MapGet("/unread-count", async (HttpContext http, Db db, CancellationToken ct) => TypedResults.Ok(new
        {
            count = await db.ExecuteScalarAsync<int>("select count(*)::int from notifications where user_id = @userId and read_at is null",
                new { userId = http.Caller().UserId }, ct),
        }));
        group.MapPost("/{id:guid}/read", async (Guid id, HttpContext http, Db db, CancellationToken ct) =>
        {
            var row = await db.QuerySingleOrDefaultAsync<NotificationView>(
                $"update notifications set read_at = coalesce(read_at, now()) where id = @id and user_id = @userId returning {Columns}",
                new { id, userId = http.Caller().UserId }, ct);
            return TypedResults.Ok(row ?? throw ProblemException.NotFound("notification"));
        });
        group.MapPost("/read-all", async (HttpContext http, Db db, CancellationToken ct) => TypedResults.Ok(new
        {
            marked = await ExecuteAsync(db, "update notifications set read_at = now() where user_id = @userId and read_at is null", new { userId = http.Caller().UserId }, ct),
        }));
        group.MapGet("/stream", StreamAsync);

        var preferences = app.MapGroup("/api/notification-preferences").WithTags("Notifications");
        preferences.MapGet("", async (HttpContext http, Db db, CancellationToken ct) => TypedResults.Ok(await PreferencesAsync(db, http.Caller().UserId, ct)));
        // Lists answer { items, next }: every kind fits one page, so next is always null.
        preferences.MapPut("", async (IReadOnlyList<PreferenceChange> changes, HttpContext http, Db db, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            for (var i = 0; i < changes.Count; i++)
            {
                errors.Check(changes[i].Kind is { } k && NoticeKinds.All.Contains(k), $"[{i}].kind", $"One of: {string.Join(", ", NoticeKinds.All)}.");
                errors.Check(changes[i].Email is not null, $"[{i}].email", "Required.");
            }

            errors.ThrowIfAny();
            var userId = http.Caller().UserId;
            await using var uow = await db.BeginAsync(ct);
            foreach (var c in changes)
            {
                await uow.ExecuteAsync(
                    "insert into preferences (user_id, kind, email) values (@userId, @Kind, @Email) on conflict (user_id, kind) do update set email = excluded.email",
                    new { userId, c.Kind, c.Email });
            }

            await uow.CommitAsync();
            return TypedResults.Ok(await PreferencesAsync(db, userId, ct));
        });
    }

    private static async Task<int> ExecuteAsync(Db db, string sql, object param, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var n = await uow.ExecuteAsync(sql, param);
        await uow.CommitAsync();
        return n;
    }

    private static async Task<Page<PreferenceView>> PreferencesAsync(Db db, Guid userId, CancellationToken ct)
    {
        var chosen = (await db.QueryAsync<(string Kind, bool Email)>("select kind, email from preferences where user_id = @userId", new { userId }, ct))
            .ToDictionary(p => p.Kind, p => p.Email);
        return new Page<PreferenceView>(NoticeKinds.All.Select(k => new PreferenceView(k, true, chosen.GetValueOrDefault(k))).ToList(), null);
    }

    /// <summary>
    /// Server-sent events: one <c>notification</c> event per new notification (its id is the event id),
    /// a comment heartbeat every 15 s, resumable with <c>Last-Event-ID</c> (or <c>?lastEventId=</c>).
    /// </summary>
    private static async Task StreamAsync(HttpContext http, Db db, NotificationHub hub, CancellationToken ct)
    {
        var userId = http.Caller().UserId;
        var resume = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? http.Request.Query["lastEventId"].FirstOrDefault();
        long last;
        if (resume is not null)
        {
            if (!long.TryParse(resume, NumberStyles.None, CultureInfo.InvariantCulture, out last))
            {
                throw ProblemException.Invalid("Last-Event-ID", "Not an event id from this stream.");
            }
        }
        else
        {
            last = await db.ExecuteScalarAsync<long>("select coalesce(max(seq), 0) from notifications where user_id = @userId", new { userId }, ct);
        }

        using var subscription = hub.Subscribe(userId);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync("retry: 3000\n: connected\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var fresh = await db.QueryAsync<NotificationView>(
                    $"select {Columns} from notifications where user_id = @userId and seq > @last order by seq limit 100", new { userId, last }, ct);
                foreach (var n in fresh)
                {
                    await http.Response.WriteAsync(
                        $"id: {n.Seq.ToString(CultureInfo.InvariantCulture)}\nevent: notification\ndata: {JsonSerializer.Serialize(n, JsonSerializerOptions.Web)}\n\n", ct);
                    last = n.Seq;
                }

                if (fresh.Count > 0)
                {
                    await http.Response.Body.FlushAsync(ct);
                    if (fresh.Count == 100)
                    {
                        continue;
                    }
                }

                if (!await subscription.WaitAsync(TimeSpan.FromSeconds(15), ct))
                {
                    await http.Response.WriteAsync(": heartbeat\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the browser went away
        }
    }
}
