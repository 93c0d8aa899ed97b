using System.Diagnostics;
using System.Text.Json;
using Dapper;
using EOffice.ServiceDefaults.Background;
using EOffice.ServiceDefaults.Data;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EOffice.ServiceDefaults.Messaging;

/// <summary>Outbox relay settings (section <c>Outbox</c>).</summary>
public sealed class OutboxSettings
{
    /// <summary>How often to look for unsent rows when nothing wakes the relay.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows per batch.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long one publish may wait for the broker before the batch is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long sent rows are kept (for audit and replay) before they are deleted.</summary>
    public TimeSpan KeepSent { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Publishes committed outbox rows in order. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>,
/// so several replicas share the work; a row is marked sent only after the broker took it, and
/// its MessageId is the row id, so a re-publish after a crash is dropped by consumers' inboxes.
/// </summary>
/// <remarks>
/// Runs on <see cref="OutboxSettings.PollInterval"/>, woken by <see cref="OutboxSignal"/> after each commit that wrote
/// events; a failed round is retried after 1 s, doubling up to 30 s.
/// </remarks>
public sealed partial class OutboxRelay(Db db, IBus bus, IOptions<OutboxSettings> options, ILogger<OutboxRelay> logger, TimeProvider clock)
    : PollingService(new PollingSchedule(options.Value.PollInterval) { FirstRetry = TimeSpan.FromSeconds(1), MaxRetry = TimeSpan.FromSeconds(30) },
        clock, logger, db.OutboxSignal)
{
    private static readonly ActivitySource Source = new("EOffice.Outbox");
    private readonly OutboxSettings _settings = options.Value;
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    /// <summary>Publishes one batch of unsent rows; returns how many were published.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var rows = await uow.QueryAsync<OutboxRow>(
            """
            select id as Id, message_type as MessageType, payload::text as Payload, trace_parent as TraceParent
            from outbox
            where sent_at is null
            order by seq
            limit @limit
            for update skip locked
            """, new { limit = _settings.BatchSize });
        if (rows.Count == 0)
        {
            return 0;
        }

        var sent = new List<Guid>(rows.Count);
        Exception? failure = null;
        foreach (var row in rows)
        {
            try
            {
                await PublishAsync(row, ct);
                sent.Add(row.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failure = ex;
                await uow.ExecuteAsync(
                    "update outbox set attempts = attempts + 1, last_error = @error where id = @id",
                    new { id = row.Id, error = ex.Message });
                break; // keep the order: later rows wait for this one
            }
        }

        await uow.ExecuteAsync("update outbox set sent_at = now() where id = any(@ids)", new { ids = sent.ToArray() });
        await uow.CommitAsync();
        if (failure is not null)
        {
            throw new InvalidOperationException("Publishing from the outbox failed; it will be retried.", failure);
        }

        return sent.Count;
    }

    /// <summary>One round: a batch, then (hourly) the clean-up; at once again while batches come back full.</summary>
    protected override async Task<PollResult> PollAsync(CancellationToken ct)
    {
        var published = await PublishBatchAsync(ct);
        await CleanupAsync(ct);
        return published < _settings.BatchSize ? PollResult.Wait : PollResult.Again;
    }

    private async Task PublishAsync(OutboxRow row, CancellationToken ct)
    {
        var type = OutboxMessageTypes.Resolve(row.MessageType)
            ?? throw new InvalidOperationException($"Unknown message type '{row.MessageType}' in the outbox.");
        var message = JsonSerializer.Deserialize(row.Payload, type, JsonSerializerOptions.Web)!;

        // Continue the trace of the request that wrote the event (its W3C traceparent is kept with the row), so one
        // trace spans the broker hop: MassTransit's send span is a child of this one and carries it to the consumers.
        ActivityContext.TryParse(row.TraceParent, null, isRemote: true, out var parent);
        var exchange = OutboxMessageTypes.ExchangeOf(type);
        using var activity = Source.StartActivity($"outbox publish {exchange}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.destination.name", exchange);
        activity?.SetTag("messaging.message.id", row.Id.ToString());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_settings.PublishTimeout);
        await bus.Publish(message, type, ctx => ctx.MessageId = row.Id, timeout.Token);
    }

    private async Task CleanupAsync(CancellationToken ct)
    {
        if (Time.GetUtcNow() < _nextCleanup)
        {
            return;
        }

        _nextCleanup = Time.GetUtcNow().AddHours(1);
        await using var connection = await db.DataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from outbox where sent_at < now() - @keep", new { keep = _settings.KeepSent }, cancellationToken: ct));
    }

    private sealed record OutboxRow(Guid Id, string MessageType, string Payload, string? TraceParent);
}
