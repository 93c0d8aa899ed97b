using EOffice.Notification.Fanout;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Notification.Webhooks;

/// <summary>Subscribe a URL to events.</summary>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Secret);

/// <summary>A subscription (its secret is never shown again).</summary>
public sealed record WebhookView
{
    public Guid Id { get; init; }
    public string Url { get; init; } = "";
    public string[] Events { get; init; } = [];
    public bool Active { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A delivery and its attempts.</summary>
public sealed record DeliveryView(
    Guid Id, string Event, Guid MessageId, string Status, int Attempts, int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt, IReadOnlyList<AttemptView> Log);

/// <summary>One attempt.</summary>
public sealed record AttemptView
{
    public DateTimeOffset At { get; init; }
    public int? StatusCode { get; init; }
    public string? Error { get; init; }
    public int DurationMs { get; init; }
}

/// <summary>Webhooks for other city systems (role admin).</summary>
public static class WebhookEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        group.MapPost("", async (WebhookRequest r, HttpContext http, Db db, WebhookAddressRule rule, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var isUrl = Uri.TryCreate(r.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && r.Url!.Length <= 2000;
            errors.Check(isUrl, "url", "An absolute http(s) URL.");
            errors.Check(!isUrl || rule.IsAllowedUrl(url!), "url",
                "Webhooks may not reach loopback, link-local, private, shared, multicast or unspecified addresses (nor carry a user name in the URL), "
                + "unless the address's network is allowed in the setting Webhooks:AllowedNetworks.");
            errors.Check(r.Events is { Count: > 0 } && r.Events.All(Fanout.Fanout.EventTypes.ContainsKey), "events",
                $"One or more of: {string.Join(", ", Fanout.Fanout.EventTypes.Keys.Order())}.");
            errors.Check(r.Secret is { Length: >= 8 and <= 200 }, "secret", "8 to 200 characters (32 random ones recommended), shared with the receiver to check signatures.");
            errors.ThrowIfAny();
            await using var uow = await db.BeginAsync(ct);
            var id = Guid.CreateVersion7();
            await uow.ExecuteAsync(
                "insert into webhook_subscriptions (id, url, events, secret, created_by) values (@id, @Url, @events, @Secret, @userId)",
                new { id, r.Url, events = r.Events!.Distinct().ToArray(), r.Secret, userId = http.Caller().UserId });
            await uow.AuditAsync(http.Caller().UserId, "webhook-created", "webhook", id, new { r.Url, r.Events });
            await uow.CommitAsync();
            return TypedResults.Created($"/api/webhooks/{id}", await GetAsync(db, id, ct));
        });
        group.MapGet("", async (Db db, CancellationToken ct) => TypedResults.Ok(new Page<WebhookView>(
            await db.QueryAsync<WebhookView>("select id, url, events, active, created_at from webhook_subscriptions order by created_at", ct: ct), null)));
        // The events a subscription may name (the public exchanges), for the admin screen's multi-select.
        group.MapGet("/events", () => TypedResults.Ok(new Page<string>(Fanout.Fanout.EventTypes.Keys.Order(StringComparer.Ordinal).ToList(), null)));
        group.MapGet("/{id:guid}", async (Guid id, Db db, CancellationToken ct) => TypedResults.Ok(await GetAsync(db, id, ct)));
        group.MapDelete("/{id:guid}", async (Guid id, HttpContext http, Db db, CancellationToken ct) =>
        {
            await using var uow = await db.BeginAsync(ct);
            if (await uow.ExecuteAsync("delete from webhook_subscriptions where id = @id", new { id }) == 0)
            {
                throw ProblemException.NotFound("webhook");
            }

            await uow.AuditAsync(http.Caller().UserId, "webhook-deleted", "webhook", id);
            await uow.CommitAsync();
            return TypedResults.NoContent();
        });
        group.MapGet("/{id:guid}/deliveries", async (Guid id, int? limit, Db db, CancellationToken ct) =>
        {
            _ = await GetAsync(db, id, ct);
            var deliveries = await db.QueryAsync<DeliveryRow>(
                """
                select id, event, message_id, status, attempts, last_status_code, last_error, created_at, delivered_at, next_attempt_at
                from webhook_deliveries where subscription_id = @id order by created_at desc limit @take
                """, new { id, take = Paging.Limit(limit) }, ct);
            var attempts = (await db.QueryAsync<AttemptRow>(
                "select delivery_id, at, status_code, error, duration_ms from webhook_attempts where delivery_id = any(@ids) order by at",
                new { ids = deliveries.Select(d => d.Id).ToArray() }, ct)).ToLookup(a => a.DeliveryId);
            return TypedResults.Ok(new Page<DeliveryView>(deliveries.Select(d => new DeliveryView(d.Id, d.Event, d.MessageId, d.Status, d.Attempts,
                d.LastStatusCode, d.LastError, d.CreatedAt, d.DeliveredAt, d.Status == "Pending" ? d.NextAttemptAt : null,
                attempts[d.Id].Select(a => new AttemptView { At = a.At, StatusCode = a.StatusCode, Error = a.Error, DurationMs = a.DurationMs }).ToList())).ToList(), null));
        });
    }

    private static async Task<WebhookView> GetAsync(Db db, Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<WebhookView>("select id, url, events, active, created_at from webhook_subscriptions where id = @id", new { id }, ct)
        ?? throw ProblemException.NotFound("webhook");

    private sealed class DeliveryRow
    {
        public Guid Id { get; init; }
        public string Event { get; init; } = "";
        public Guid MessageId { get; init; }
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public int? LastStatusCode { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? DeliveredAt { get; init; }
        public DateTimeOffset NextAttemptAt { get; init; }
    }

    private sealed class AttemptRow
    {
        public Guid DeliveryId { get; init; }
        public DateTimeOffset At { get; init; }
        public int? StatusCode { get; init; }
        public string? Error { get; init; }
        public int DurationMs { get; init; }
    }
}
