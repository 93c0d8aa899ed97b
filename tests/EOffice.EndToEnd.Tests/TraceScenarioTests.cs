using System.Text;
using EOffice.Testing;
using Xunit.Abstractions;

namespace EOffice.EndToEnd.Tests;

/// <summary>
/// The platform with every service and the gateway exporting traces (OTLP/HTTP protobuf) to a receiver in the test,
/// as an operator's Jaeger would receive them. Its own processes: only this collection pays for the export.
/// </summary>
public sealed class TracedPlatformFixture : PlatformFixture, IAsyncLifetime
{
    /// <summary>A receiver on a free loopback port, and the platform exporting to it.</summary>
    public TracedPlatformFixture()
        : this(OtlpReceiver.Start())
    {
    }

    private TracedPlatformFixture(OtlpReceiver receiver)
        : base(new PlatformOptions { ServiceEnvironment = receiver.ExporterEnvironment, GatewayEnvironment = receiver.ExporterEnvironment }) =>
        Receiver = receiver;

    /// <summary>Where the processes send their spans.</summary>
    public OtlpReceiver Receiver { get; }

    async Task IAsyncLifetime.DisposeAsync()
    {
        try
        {
            await DisposeAsync();
        }
        finally
        {
            await Receiver.DisposeAsync();
        }
    }
}

/// <summary>The traced platform's collection, apart from the one the other scenarios share.</summary>
[CollectionDefinition(Name)]
public sealed class TraceCollection : ICollectionFixture<TracedPlatformFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "traces";
}

/// <summary>
/// One trace per letter: the request that sends a letter, the outbox relay that publishes its events later from a
/// background loop, the broker hop and the consumers in Archive and Notification all carry one trace id, each span
/// a child of the one that caused it, named by what it did.
/// </summary>
[Collection(TraceCollection.Name)]
public sealed class TraceScenarioTests(TracedPlatformFixture platform, ITestOutputHelper output)
{
    private const string Gateway = "EOffice.Gateway";
    private const string Correspondence = "EOffice.Correspondence";
    private const string Archive = "EOffice.Archive";
    private const string Notification = "EOffice.Notification";

    [Fact]
    public async Task Sending_a_letter_is_one_trace_from_the_gateway_through_the_outbox_and_the_broker_to_archive_and_notification()
    {
        using var admin = platform.As(await platform.LoginAsync("admin@eoffice.local"));
        var positions = await admin.PositionsByTitleAsync();
        using var drafter = platform.As(await platform.LoginAsync("fajar.nugroho@eoffice.local"));
        using var signer = platform.As(await platform.LoginAsync("yusuf.maulana@eoffice.local"));
        var id = await drafter.CreateLetterAsync(LetterDraft.NotaDinas("Uji jejak satu surat",
            positions["Kepala Bidang Mutasi dan Promosi"], positions["Kepala Bidang Aplikasi Informatika"],
            "Naskah ini ditelusuri dari gateway sampai arsip dan notifikasi."));
        await DemoLetters.SignAndSendAsync(drafter, signer, id);
        var sendPath = $"/api/letters/{id}/send";

        // The trace starts where the request entered the platform: the gateway's server span for the send.
        ReceivedSpan? entry = null;
        await Eventually.HoldsAsync(() =>
        {
            entry = platform.Receiver.Spans.FirstOrDefault(s =>
                s.Service == Gateway && s.Kind == SpanKind.Server && s.Attributes.GetValueOrDefault("url.path") == sendPath);
            return Task.FromResult(entry is not null);
        }, $"the gateway exports its span of POST {sendPath}", TimeSpan.FromSeconds(60));

        // Everything the send caused arrives in the same trace, as its spans end and are exported; a parent ends (and is
        // exported) after its children, so the trace is complete once the spans looked for are there and each one's
        // ancestry reaches the gateway's span.
        IReadOnlyList<ReceivedSpan> trace = [];
        Dictionary<string, ReceivedSpan> byId = [];
        List<ReceivedSpan> Ancestry(ReceivedSpan span)
        {
            var chain = new List<ReceivedSpan> { span };
            while (byId.TryGetValue(chain[^1].ParentSpanId, out var parent) && chain.Count <= byId.Count)
            {
                chain.Add(parent);
            }

            return chain;
        }

        bool Connected(ReceivedSpan span) => Ancestry(span)[^1].SpanId == entry!.SpanId;
        bool Has(string service, SpanKind kind, Func<ReceivedSpan, bool>? also = null) =>
            trace.Any(s => s.Service == service && s.Kind == kind && (also is null || also(s)));
        bool Complete() =>
            Has(Correspondence, SpanKind.Server)
            && Has(Correspondence, SpanKind.Internal, s => s.Name == "outbox publish eoffice.letter-sent")
            && Has(Correspondence, SpanKind.Internal, s => s.Name == "outbox publish eoffice.letter-received")
            && Has(Correspondence, SpanKind.Producer)
            && Has(Archive, SpanKind.Consumer, s => s.Name == "archive-letter-sent process")
            && Has(Notification, SpanKind.Consumer, s => s.Name == "notification-letter-received process")
            && trace.All(Connected);
        try
        {
            await Eventually.HoldsAsync(() =>
            {
                trace = platform.Receiver.Trace(entry!.TraceId);
                byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                return Task.FromResult(Complete());
            }, "the send's trace reaches Correspondence, the outbox relay, the broker, Archive and Notification, every span under the gateway's",
            TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}{Environment.NewLine}{Describe(trace)}", ex);
        }

        void CausedBy(ReceivedSpan span, ReceivedSpan cause, string what)
        {
            var ancestry = Ancestry(span);
            Assert.True(ancestry.Contains(cause),
                $"{what}: {span} is not a descendant of {cause}; its ancestry is{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", ancestry)}" +
                $"{Environment.NewLine}{Describe(trace)}");
        }

        output.WriteLine(Tree(trace, entry!));

        // gateway → Correspondence: the service's server span for the same request, a descendant of the gateway's.
        var handled = Assert.Single(trace, s => s.Service == Correspondence && s.Kind == SpanKind.Server);
        Assert.Equal("POST", handled.Attributes.GetValueOrDefault("http.request.method"));
        Assert.Equal(sendPath, handled.Attributes.GetValueOrDefault("url.path"));
        Assert.Equal("POST /api/letters/{id:guid}/send", handled.Name);
        CausedBy(handled, entry!, "Correspondence handled the gateway's request");

        // → the outbox relay: a background loop, yet each publish continues the request that wrote the row.
        var letterSent = Assert.Single(trace, s => s.Name == "outbox publish eoffice.letter-sent");
        var letterReceived = Assert.Single(trace, s => s.Name == "outbox publish eoffice.letter-received");
        foreach (var publish in new[] { letterSent, letterReceived })
        {
            Assert.Equal(Correspondence, publish.Service);
            Assert.Equal("EOffice.Outbox", publish.Scope);
            Assert.Equal(handled.SpanId, publish.ParentSpanId);
        }

        // → the broker: MassTransit's send of each message, under the relay's publish, named by the exchange.
        var sentToBroker = Assert.Single(trace, s => s.Kind == SpanKind.Producer && s.ParentSpanId == letterSent.SpanId);
        Assert.Equal("eoffice.letter-sent send", sentToBroker.Name);
        var receivedToBroker = Assert.Single(trace, s => s.Kind == SpanKind.Producer && s.ParentSpanId == letterReceived.SpanId);
        Assert.Equal("eoffice.letter-received send", receivedToBroker.Name);

        // → the consumers: Archive files the sent letter, Notification tells the recipient; each receives its message
        // straight from the send (the broker hop) and processes it on its own queue.
        var archived = Assert.Single(trace, s => s.Service == Archive && s.Name == "archive-letter-sent process");
        var notified = Assert.Single(trace, s => s.Service == Notification && s.Name == "notification-letter-received process");
        foreach (var (consumer, send) in new[] { (archived, sentToBroker), (notified, receivedToBroker) })
        {
            Assert.Equal(SpanKind.Consumer, consumer.Kind);
            var received = byId[consumer.ParentSpanId];
            Assert.Equal(SpanKind.Consumer, received.Kind);
            Assert.Equal(consumer.Service, received.Service);
            Assert.EndsWith(" receive", received.Name, StringComparison.Ordinal);
            Assert.Equal(send.SpanId, received.ParentSpanId);
            CausedBy(consumer, entry!, $"{consumer.Service} consumed an event of the send");
        }

        // One trace with one root: the gateway's span, which no other span of the trace is a sibling root to.
        Assert.Single(trace, s => !byId.ContainsKey(s.ParentSpanId));
    }

    // The trace as Jaeger draws it: each span under its parent, in the order received.
    private static string Tree(IReadOnlyList<ReceivedSpan> trace, ReceivedSpan root)
    {
        var text = new StringBuilder();
        void Write(ReceivedSpan span, int depth)
        {
            text.Append(' ', depth * 2).Append(span.Service).Append(' ').Append(span.Kind).Append(" \"").Append(span.Name).AppendLine("\"");
            foreach (var child in trace.Where(s => s.ParentSpanId == span.SpanId))
            {
                Write(child, depth + 1);
            }
        }

        Write(root, 0);
        return text.ToString();
    }

    private static string Describe(IReadOnlyList<ReceivedSpan> trace)
    {
        var text = new StringBuilder($"The trace holds {trace.Count} span(s):");
        foreach (var span in trace)
        {
            text.AppendLine().Append("  ").Append(span).Append(" [").Append(span.Scope).Append(']');
        }

        return text.ToString();
    }
}
