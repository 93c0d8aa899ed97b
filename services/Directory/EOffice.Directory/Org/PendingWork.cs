using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Contracts;
using EOffice.ServiceDefaults.Auth;
using Microsoft.Extensions.Http.Resilience;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace EOffice.Directory.Org;

/// <summary>
/// A position's pending work as an admin reads it before a transfer: counts of each kind (null when the
/// service that keeps them did not answer, named in <c>unavailable</c>) and the newest few items of each.
/// </summary>
public sealed record PendingWorkView(
    Guid PositionId, int? Drafts, int? ToReview, int? ToSign, int? ToSend, int? UnreadIncoming, int? OpenDispositions,
    IReadOnlyList<PendingWorkItem> Items, IReadOnlyList<string> Unavailable);

/// <summary>
/// Asks each service for its share of a position's pending work on its internal endpoint (with the internal key):
/// Correspondence for letters (<c>Internal:CorrespondenceUrl</c>), Disposition for dispositions (<c>Internal:DispositionUrl</c>).
/// A service that does not answer leaves its part unavailable; the rest is still shown.
/// </summary>
public sealed partial class PendingWork(IHttpClientFactory http, IConfiguration configuration, InternalKey internalKey, ILogger<PendingWork> logger)
{
    /// <summary>The named HTTP client (see <see cref="PendingWorkExtensions.AddPendingWork{TBuilder}"/>).</summary>
    public const string Client = "pending-work";

    /// <summary>How long one attempt may take; the admin's page waits at most <see cref="TotalTimeout"/>.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long the reading of one service's part may take with its retry.</summary>
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(8);

    /// <summary>The services asked, with their configuration key and the default address of a local run.</summary>
    private static readonly (string Service, string Setting, string Default)[] Sources =
    [
        ("correspondence", "Internal:CorrespondenceUrl", "http://127.0.0.1:5102"),
        ("disposition", "Internal:DispositionUrl", "http://127.0.0.1:5103"),
    ];

    /// <summary>The composed pending work of a position (which the caller checked exists).</summary>
    public async Task<PendingWorkView> OfAsync(Guid positionId, CancellationToken ct)
    {
        var parts = await Task.WhenAll(Sources.Select(async s => (s.Service, Part: await AskAsync(s.Service, configuration[s.Setting] ?? s.Default, positionId, ct))));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, part) in parts)
        {
            foreach (var (kind, n) in part?.Counts ?? new Dictionary<string, int>())
            {
                counts[kind] = n;
            }
        }

        int? Count(string kind) => counts.TryGetValue(kind, out var n) ? n : null;
        return new PendingWorkView(
            positionId,
            Count(PendingWorkKinds.Drafts), Count(PendingWorkKinds.ToReview), Count(PendingWorkKinds.ToSign), Count(PendingWorkKinds.ToSend),
            Count(PendingWorkKinds.UnreadIncoming), Count(PendingWorkKinds.OpenDispositions),
            parts.SelectMany(p => p.Part?.Items ?? []).ToList(),
            parts.Where(p => p.Part is null).Select(p => p.Service).ToList());
    }

    private async Task<PendingWorkPart?> AskAsync(string service, string baseUrl, Guid positionId, CancellationToken ct)
    {
        using var client = http.CreateClient(Client);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl.TrimEnd('/')}/internal/positions/{positionId}/pending");
        internalKey.AddTo(request);
        try
        {
            using var response = await client.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                LogUnavailable(logger, service, $"HTTP {(int)response.StatusCode}");
                return null;
            }

            return await response.Content.ReadFromJsonAsync<PendingWorkPart>(ct);
        }
        catch (Exception e) when ((e is HttpRequestException or TaskCanceledException or JsonException or BrokenCircuitException or TimeoutRejectedException) && !ct.IsCancellationRequested)
        {
            LogUnavailable(logger, service, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pending work kept by {Service} could not be read: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string service, string reason);
}

/// <summary>Registers <see cref="PendingWork"/> and its client.</summary>
public static class PendingWorkExtensions
{
    /// <summary>
    /// The client with the standard resilience of a read (as <c>AddDirectoryClient</c>): one retry, each attempt and the
    /// whole bounded, and a circuit per service (by authority), so one service down does not hide the other's part.
    /// </summary>
    public static TBuilder AddPendingWork<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton<PendingWork>();
        builder.Services.AddHttpClient(PendingWork.Client, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.MaxRetryAttempts = 1;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                o.AttemptTimeout.Timeout = PendingWork.AttemptTimeout;
                o.TotalRequestTimeout.Timeout = PendingWork.TotalTimeout;
                o.CircuitBreaker.SamplingDuration = PendingWork.AttemptTimeout * 2;
            })
            .SelectPipelineByAuthority();
        return builder;
    }
}
