using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Notification.Webhooks;

/// <summary>Webhook subscriptions as admins keep them, and the log of their deliveries.</summary>
public sealed class WebhookStore(Db db)
{
    /// <summary>Subscribes a URL (already checked) to events.</summary>
    public async Task<Guid> CreateAsync(WebhookRequest r, Guid actor, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            "insert into webhook_subscriptions (id, url, events, secret, created_by) values (@id, @Url, @events, @Secret, @userId)",
            new { id, r.Url, events = r.Events!.Distinct().ToArray(), r.Secret, userId = actor });
        await uow.AuditAsync(actor, "webhook-created", "webhook", id, new { r.Url, r.Events });
        await uow.CommitAsync();
        return id;
    }

    /// <summary>Every subscription, oldest first.</summary>
    public Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken ct) =>
        db.QueryAsync<WebhookView>("select id, url, events, active, created_at from webhook_subscriptions order by created_at", ct: ct);

    /// <summary>One subscription; 404 otherwise.</summary>
    public async Task<WebhookView> GetAsync(Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<WebhookView>("select id, url, events, active, created_at from webhook_subscriptions where id = @id", new { id }, ct)
        ?? throw ProblemException.NotFound("webhook");

    /// <summary>Ends a subscription; 404 when there is none.</summary>
    public async Task DeleteAsync(Guid id, Guid actor, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        if (await uow.ExecuteAsync("delete from webhook_subscriptions where id = @id", new { id }) == 0)
        {
            throw ProblemException.NotFound("webhook");
        }

        await uow.AuditAsync(actor, "webhook-deleted", "webhook", id);
        await uow.CommitAsync();
    }

    /// <summary>The newest deliveries of a subscription with their attempts; 404 when there is no such subscription.</summary>
    public async Task<IReadOnlyList<DeliveryView>> DeliveriesAsync(Guid id, int? limit, CancellationToken ct)
    {
        _ = await GetAsync(id, ct);
        var deliveries = await db.QueryAsync<DeliveryRow>(
            """
            select id, event, message_id, status, attempts, last_status_code, last_error, created_at, delivered_at, next_attempt_at
            from webhook_deliveries where subscription_id = @id order by created_at desc limit @take
            """, new { id, take = Paging.Limit(limit) }, ct);
        var attempts = (await db.QueryAsync<AttemptRow>(
            "select delivery_id, at, status_code, error, duration_ms from webhook_attempts where delivery_id = any(@ids) order by at",
            new { ids = deliveries.Select(d => d.Id).ToArray() }, ct)).ToLookup(a => a.DeliveryId);
        return deliveries.Select(d => new DeliveryView(d.Id, d.Event, d.MessageId, d.Status, d.Attempts,
            d.LastStatusCode, d.LastError, d.CreatedAt, d.DeliveredAt, d.Status == "Pending" ? d.NextAttemptAt : null,
            attempts[d.Id].Select(a => new AttemptView { At = a.At, StatusCode = a.StatusCode, Error = a.Error, DurationMs = a.DurationMs }).ToList())).ToList();
    }

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
