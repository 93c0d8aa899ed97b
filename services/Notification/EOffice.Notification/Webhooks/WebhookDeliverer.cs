using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EOffice.ServiceDefaults.Background;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Notification.Webhooks;

/// <summary>Webhook settings (section <c>Notification:Webhooks</c>).</summary>
public sealed class WebhookSettings
{
    /// <summary>How long one delivery attempt may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The pause after the first failure; each next one doubles.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest pause between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a delivery is retried before it is given up.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Deliveries sent at once (a dead endpoint holds at most one of these per attempt).</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>How often due deliveries are looked for.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// Delivers webhook payloads: signed (<c>X-EOffice-Signature: sha256=HMAC(secret, body)</c>, with
/// <c>X-EOffice-Timestamp</c> inside the signed body too), each attempt logged, failures retried with
/// exponential backoff for a bounded time. Deliveries are claimed with a lease (SKIP LOCKED) and sent
/// in parallel with a timeout, so a slow or dead endpoint never holds up the others.
/// </summary>
public sealed partial class WebhookDeliverer(Db db, IHttpClientFactory http, WebhookSettings settings, WebhookAddressRule rule, TimeProvider clock,
    ILogger<WebhookDeliverer> logger)
    : PollingService(new PollingSchedule(settings.PollInterval) { FirstRetry = TimeSpan.FromSeconds(2), MaxRetry = TimeSpan.FromSeconds(30) }, clock, logger)
{
    /// <summary>What the delivery log says of an address a webhook may not reach (never what, if anything, answers there).</summary>
    public const string Refused = "refused: address not allowed";

    /// <summary>The signature header value for a body.</summary>
    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>Claims and sends what is due; returns how many attempts were made.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        IReadOnlyList<DueDelivery> due;
        await using (var uow = await db.BeginAsync(ct))
        {
            // At most two per subscription per round, so one dead endpoint cannot take every slot; claimed
            // with a lease (the update re-checks the due time, so two replicas never claim the same row).
            due = await uow.QueryAsync<DueDelivery>(
                """
                with candidates as (
                    select id from (
                        select d.id, d.next_attempt_at,
                               row_number() over (partition by d.subscription_id order by d.next_attempt_at) as n
                        from webhook_deliveries d
                        where d.status = 'Pending' and d.next_attempt_at <= now()
                    ) c
                    where n <= 2 order by next_attempt_at limit @limit
                )
                update webhook_deliveries d set next_attempt_at = now() + @lease
                from candidates, webhook_subscriptions s
                where d.id = candidates.id and s.id = d.subscription_id and d.status = 'Pending' and d.next_attempt_at <= now()
                returning d.id, d.event, d.payload, d.attempts, d.created_at, s.url, s.secret
                """, new { limit = settings.Parallelism * 4, lease = settings.Timeout * 3 });
            await uow.CommitAsync();
        }

        using var gate = new SemaphoreSlim(settings.Parallelism);
        await Task.WhenAll(due.Select(async d =>
        {
            await gate.WaitAsync(ct);
            try
            {
                await AttemptAsync(d, ct);
            }
            finally
            {
                gate.Release();
            }
        }));
        return due.Count;
    }

    private async Task AttemptAsync(DueDelivery d, CancellationToken ct)
    {
        var timestamp = Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        // The payload gains the delivery's timestamp, so the signature covers it too.
        var body = d.Payload.Insert(1, $"\"timestamp\":{timestamp},\"deliveryId\":\"{d.Id}\",");
        int? status = null;
        string? error = null;
        var refused = false;
        var watch = Stopwatch.StartNew();
        try
        {
            if (!Uri.TryCreate(d.Url, UriKind.Absolute, out var url) || !rule.IsAllowedUrl(url))
            {
                throw new WebhookAddressRefusedException(d.Url);
            }

            using var client = http.CreateClient(nameof(WebhookDeliverer));
            client.Timeout = settings.Timeout;
            using var request = new HttpRequestMessage(HttpMethod.Post, d.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-EOffice-Signature", Sign(d.Secret, body));
            request.Headers.Add("X-EOffice-Timestamp", timestamp);
            request.Headers.Add("X-EOffice-Event", d.Event);
            request.Headers.Add("X-EOffice-Delivery", d.Id.ToString());
            using var response = await client.SendAsync(request, ct);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                // A redirect is a failure like any other answer outside 2xx: following it would send the signed
                // body to an address nobody checked.
                error = status is >= 300 and < 400 ? $"HTTP {status}: redirects are not followed" : $"HTTP {status}";
            }
        }
        catch (Exception ex) when (WebhookConnections.IsRefused(ex))
        {
            // Not retried: the address will not become allowed by waiting (only by changing the allow-list).
            error = Refused;
            refused = true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            error = ex is TaskCanceledException ? $"no answer within {settings.Timeout.TotalSeconds:0} s" : ex.Message;
        }

        var attempts = d.Attempts + 1;
        var delay = TimeSpan.FromTicks(Math.Min(settings.MaxRetryDelay.Ticks, settings.FirstRetryDelay.Ticks * (long)Math.Pow(2, attempts - 1)));
        var giveUp = refused || (error is not null && Time.GetUtcNow() + delay - d.CreatedAt > settings.GiveUpAfter);
        await using var uow = await db.BeginAsync(CancellationToken.None);
        await uow.ExecuteAsync(
            "insert into webhook_attempts (id, delivery_id, status_code, error, duration_ms) values (@attemptId, @Id, @status, @error, @ms)",
            new { attemptId = Guid.CreateVersion7(), d.Id, status, error, ms = (int)watch.ElapsedMilliseconds });
        await uow.ExecuteAsync(
            """
            update webhook_deliveries set attempts = @attempts, last_status_code = @status, last_error = @error,
                status = case when @error::text is null then 'Succeeded' when @giveUp then 'Failed' else 'Pending' end,
                delivered_at = case when @error::text is null then now() end,
                next_attempt_at = now() + @delay
            where id = @Id
            """, new { d.Id, attempts, status, error, giveUp, delay });
        await uow.CommitAsync();
        if (error is not null)
        {
            LogFailed(Logger, d.Url, error, attempts);
        }
    }

    /// <summary>One round; at once again while there were deliveries due.</summary>
    protected override async Task<PollResult> PollAsync(CancellationToken ct) =>
        await DeliverDueAsync(ct) == 0 ? PollResult.Wait : PollResult.Again;

    private sealed class DueDelivery
    {
        public Guid Id { get; init; }
        public string Event { get; init; } = "";
        public string Payload { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string Url { get; init; } = "";
        public string Secret { get; init; } = "";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery to {Url} failed ({Error}), attempt {Attempt}")]
    private static partial void LogFailed(ILogger logger, string url, string error, int attempt);
}
