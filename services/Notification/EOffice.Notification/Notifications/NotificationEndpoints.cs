using System.Globalization;
using System.Text.Json;
using EOffice.Notification.Live;
using EOffice.ServiceDefaults.Auth;
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

/// <summary>How many of the caller's notifications are unread.</summary>
public sealed record UnreadCount(int Count);

/// <summary>How many notifications a "read all" marked.</summary>
public sealed record MarkedRead(int Marked);

/// <summary>The caller's notifications: list, unread count, read marks, preferences and the live stream.</summary>
public static class NotificationEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").WithProblems();
        group.MapGet("", async (bool? unread, int? limit, string? after, HttpContext http, NotificationStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListAsync(http.Caller().UserId, unread ?? false, limit, after, ct)))
            .WithSummary("List the caller's notifications, newest first");
        group.MapGet("/unread-count", async (HttpContext http, NotificationStore store, CancellationToken ct) =>
            TypedResults.Ok(new UnreadCount(await store.UnreadCountAsync(http.Caller().UserId, ct))))
            .WithSummary("Count the caller's unread notifications");
        group.MapPost("/{id:guid}/read", async (Guid id, HttpContext http, NotificationStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.MarkReadAsync(id, http.Caller().UserId, ct) ?? throw ProblemException.NotFound("notification")))
            .WithSummary("Mark a notification read");
        group.MapPost("/read-all", async (HttpContext http, NotificationStore store, CancellationToken ct) =>
            TypedResults.Ok(new MarkedRead(await store.MarkAllReadAsync(http.Caller().UserId, ct))))
            .WithSummary("Mark all the caller's notifications read");
        group.MapGet("/stream", StreamAsync).Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .WithSummary("Stream new notifications as server-sent events");

        var preferences = app.MapGroup("/api/notification-preferences").WithTags("Notifications").WithProblems();
        preferences.MapGet("", async (HttpContext http, NotificationStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.PreferencesAsync(http.Caller().UserId, ct)))
            .WithSummary("List the caller's delivery preferences per kind");
        // Lists answer { items, next }: every kind fits one page, so next is always null.
        preferences.MapPut("", async (IReadOnlyList<PreferenceChange> changes, HttpContext http, NotificationStore store, CancellationToken ct) =>
        {
            var userId = http.Caller().UserId;
            await store.SavePreferencesAsync(userId, changes, ct);
            return TypedResults.Ok(await store.PreferencesAsync(userId, ct));
        }).WithSummary("Change the caller's email preferences");
    }

    /// <summary>
    /// Server-sent events: one <c>notification</c> event per new notification (its id is the event id),
    /// a comment heartbeat every 15 s, resumable with <c>Last-Event-ID</c> (or <c>?lastEventId=</c>).
    /// </summary>
    private static async Task StreamAsync(HttpContext http, NotificationStore store, NotificationHub hub, CancellationToken ct)
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
            last = await store.LatestSeqAsync(userId, ct);
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
                var fresh = await store.AfterAsync(userId, last, 100, ct);
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
