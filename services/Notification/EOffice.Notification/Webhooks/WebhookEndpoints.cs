using EOffice.Notification.Fanout;
using EOffice.ServiceDefaults.Auth;
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
        var group = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin).WithProblems();
        group.MapPost("", async (WebhookRequest r, HttpContext http, WebhookStore store, WebhookAddressRule rule, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var isUrl = Uri.TryCreate(r.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && r.Url!.Length <= 2000;
            errors.Check(isUrl, "url", "An absolute http(s) URL.");
            errors.Check(!isUrl || rule.IsAllowedUrl(url!), "url",
                "Webhooks may not reach loopback, link-local, private, shared, multicast or unspecified addresses (nor carry a user name in the URL), "
                + "unless the address's network is allowed in the setting Webhooks:AllowedNetworks.");
            errors.Check(r.Events is { Count: > 0 } && r.Events.All(EventFanout.EventTypes.ContainsKey), "events",
                $"One or more of: {string.Join(", ", EventFanout.EventTypes.Keys.Order())}.");
            errors.Check(r.Secret is { Length: >= 8 and <= 200 }, "secret", "8 to 200 characters (32 random ones recommended), shared with the receiver to check signatures.");
            errors.ThrowIfAny();
            var id = await store.CreateAsync(r, http.Caller().UserId, ct);
            return TypedResults.Created($"/api/webhooks/{id}", await store.GetAsync(id, ct));
        }).WithSummary("Subscribe a URL to events");
        group.MapGet("", async (WebhookStore store, CancellationToken ct) => TypedResults.Ok(new Page<WebhookView>(await store.ListAsync(ct), null)))
            .WithSummary("List the webhook subscriptions");
        // The events a subscription may name (the public exchanges), for the admin screen's multi-select.
        group.MapGet("/events", () => TypedResults.Ok(new Page<string>(EventFanout.EventTypes.Keys.Order(StringComparer.Ordinal).ToList(), null)))
            .WithSummary("List the events a subscription may name");
        group.MapGet("/{id:guid}", async (Guid id, WebhookStore store, CancellationToken ct) => TypedResults.Ok(await store.GetAsync(id, ct)))
            .WithSummary("Get a webhook subscription");
        group.MapDelete("/{id:guid}", async (Guid id, HttpContext http, WebhookStore store, CancellationToken ct) =>
        {
            await store.DeleteAsync(id, http.Caller().UserId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete a webhook subscription");
        group.MapGet("/{id:guid}/deliveries", async (Guid id, int? limit, WebhookStore store, CancellationToken ct) =>
            TypedResults.Ok(new Page<DeliveryView>(await store.DeliveriesAsync(id, limit, ct), null)))
            .WithSummary("List a subscription's recent deliveries and their attempts");
    }
}
