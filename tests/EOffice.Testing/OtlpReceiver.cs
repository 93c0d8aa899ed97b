using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EOffice.Testing;

/// <summary>One span as an OTLP exporter sent it.</summary>
/// <param name="Service">The resource's <c>service.name</c>.</param>
/// <param name="Scope">The instrumentation scope (the <c>ActivitySource</c>) that made it.</param>
/// <param name="TraceId">32 lowercase hex digits.</param>
/// <param name="SpanId">16 lowercase hex digits.</param>
/// <param name="ParentSpanId">16 lowercase hex digits, or empty for a root span.</param>
/// <param name="Name">The span name.</param>
/// <param name="Kind">The span kind.</param>
/// <param name="Attributes">The span's attributes whose values are strings.</param>
public sealed record ReceivedSpan(
    string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, SpanKind Kind,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>For failure messages: <c>service kind "name" span &lt;- parent</c>.</summary>
    public override string ToString() => $"{Service} {Kind} \"{Name}\" {SpanId} <- {(ParentSpanId.Length == 0 ? "root" : ParentSpanId)}";
}

/// <summary>OTLP span kinds (<c>opentelemetry.proto.trace.v1.Span.SpanKind</c>).</summary>
public enum SpanKind
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>In-process work.</summary>
    Internal = 1,

    /// <summary>Handling a request.</summary>
    Server = 2,

    /// <summary>Making a request.</summary>
    Client = 3,

    /// <summary>Sending a message.</summary>
    Producer = 4,

    /// <summary>Handling a message.</summary>
    Consumer = 5,
}

/// <summary>
/// An OTLP/HTTP collector on loopback for tests: accepts protobuf <c>POST /v1/traces</c> (and answers
/// <c>/v1/logs</c>, <c>/v1/metrics</c> without keeping them) and keeps every span it was sent. Point a
/// process at it with <see cref="ExporterEnvironment"/>. Reads only the fields it needs from the wire format
/// (resource <c>service.name</c>, scope name, span ids, name, kind, string attributes).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();

    private OtlpReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The base address an exporter appends <c>/v1/traces</c> to.</summary>
    public Uri Address { get; }

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    /// <summary>
    /// What a process needs to export here: the endpoint, the protocol (http/protobuf) and a short batch delay, so
    /// a span arrives within a fraction of a second of ending.
    /// </summary>
    public IReadOnlyDictionary<string, string> ExporterEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Address.GetLeftPart(UriPartial.Authority),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "1000",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "60000",
    };

    /// <summary>The spans of one trace.</summary>
    public IReadOnlyList<ReceivedSpan> Trace(string traceId) => [.. _spans.Where(s => s.TraceId == traceId)];

    /// <summary>Starts listening on a free loopback port (synchronously: it is a constructor's work).</summary>
    public static OtlpReceiver Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        OtlpReceiver? receiver = null;
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            var body = await ReadBodyAsync(request);
            foreach (var span in OtlpTraces.Decode(body))
            {
                receiver!._spans.Enqueue(span);
            }

            return Results.Bytes(Array.Empty<byte>(), "application/x-protobuf");
        });
        app.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            await ReadBodyAsync(request);
            return Results.Bytes(Array.Empty<byte>(), "application/x-protobuf");
        });
        app.Start();
        var address = app.Urls.Select(u => new Uri(u)).First();
        receiver = new OtlpReceiver(app, new Uri($"http://127.0.0.1:{address.Port}/"));
        return receiver;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        if (string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            await using var gzip = new GZipStream(request.Body, CompressionMode.Decompress);
            await gzip.CopyToAsync(buffer);
        }
        else
        {
            await request.Body.CopyToAsync(buffer);
        }

        return buffer.ToArray();
    }
}

/// <summary>
/// Decodes an <c>ExportTraceServiceRequest</c> (opentelemetry-proto, trace/v1) from the protobuf wire format,
/// keeping only what <see cref="ReceivedSpan"/> holds; unknown fields are skipped as the format allows.
/// </summary>
public static class OtlpTraces
{
    /// <summary>Every span of the request, with its resource's service name and its scope's name.</summary>
    public static IReadOnlyList<ReceivedSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<ReceivedSpan>();
        var reader = new WireReader(request);
        while (reader.Next(out var field, out var value))
        {
            if (field == 1) // resource_spans
            {
                ReadResourceSpans(value.Bytes, spans);
            }
        }

        return spans;
    }

    private static void ReadResourceSpans(ReadOnlySpan<byte> bytes, List<ReceivedSpan> spans)
    {
        var service = "";
        var scopes = new List<Range>();
        var reader = new WireReader(bytes);
        while (reader.Next(out var field, out var value))
        {
            if (field == 1) // resource
            {
                var resource = new WireReader(value.Bytes);
                while (resource.Next(out var f, out var v))
                {
                    if (f == 1 && ReadKeyValue(v.Bytes) is ("service.name", { } name))
                    {
                        service = name;
                    }
                }
            }
            else if (field == 2) // scope_spans
            {
                scopes.Add(value.Range);
            }
        }

        foreach (var range in scopes)
        {
            ReadScopeSpans(bytes[range], service, spans);
        }
    }

    private static void ReadScopeSpans(ReadOnlySpan<byte> bytes, string service, List<ReceivedSpan> spans)
    {
        var scope = "";
        var reader = new WireReader(bytes);
        while (reader.Next(out var field, out var value))
        {
            if (field == 1) // scope
            {
                var s = new WireReader(value.Bytes);
                while (s.Next(out var f, out var v))
                {
                    if (f == 1)
                    {
                        scope = Encoding.UTF8.GetString(v.Bytes);
                    }
                }
            }
        }

        reader = new WireReader(bytes);
        while (reader.Next(out var field, out var value))
        {
            if (field == 2) // spans
            {
                spans.Add(ReadSpan(value.Bytes, service, scope));
            }
        }
    }

    private static ReceivedSpan ReadSpan(ReadOnlySpan<byte> bytes, string service, string scope)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = SpanKind.Unspecified;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new WireReader(bytes);
        while (reader.Next(out var field, out var value))
        {
            switch (field)
            {
                case 1:
                    traceId = Convert.ToHexStringLower(value.Bytes);
                    break;
                case 2:
                    spanId = Convert.ToHexStringLower(value.Bytes);
                    break;
                case 4:
                    parent = Convert.ToHexStringLower(value.Bytes);
                    break;
                case 5:
                    name = Encoding.UTF8.GetString(value.Bytes);
                    break;
                case 6:
                    kind = (SpanKind)value.Number;
                    break;
                case 9 when ReadKeyValue(value.Bytes) is ({ } key, { } text):
                    attributes[key] = text;
                    break;
            }
        }

        return new ReceivedSpan(service, scope, traceId, spanId, parent, name, kind, attributes);
    }

    // KeyValue { string key = 1; AnyValue value = 2; }, AnyValue { string string_value = 1; ... }: strings only.
    private static (string? Key, string? Text) ReadKeyValue(ReadOnlySpan<byte> bytes)
    {
        string? key = null, text = null;
        var reader = new WireReader(bytes);
        while (reader.Next(out var field, out var value))
        {
            if (field == 1)
            {
                key = Encoding.UTF8.GetString(value.Bytes);
            }
            else if (field == 2)
            {
                var any = new WireReader(value.Bytes);
                while (any.Next(out var f, out var v))
                {
                    if (f == 1 && v.IsBytes)
                    {
                        text = Encoding.UTF8.GetString(v.Bytes);
                    }
                }
            }
        }

        return (key, text);
    }

    /// <summary>A field's value: a number (varint, fixed32/64) or the bytes of a length-delimited field.</summary>
    private readonly ref struct WireValue(ulong number, ReadOnlySpan<byte> bytes, Range range, bool isBytes)
    {
        public ulong Number { get; } = number;

        public ReadOnlySpan<byte> Bytes { get; } = bytes;

        public Range Range { get; } = range;

        public bool IsBytes { get; } = isBytes;
    }

    /// <summary>Reads protobuf fields one after the other (wire types 0, 1, 2 and 5).</summary>
    private ref struct WireReader(ReadOnlySpan<byte> buffer)
    {
        private readonly ReadOnlySpan<byte> _buffer = buffer;
        private int _position;

        public bool Next(out int field, out WireValue value)
        {
            if (_position >= _buffer.Length)
            {
                field = 0;
                value = default;
                return false;
            }

            var tag = Varint();
            field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    value = new WireValue(Varint(), default, default, false);
                    break;
                case 1:
                    value = new WireValue(BitConverter.ToUInt64(Take(8)), default, default, false);
                    break;
                case 2:
                    var length = checked((int)Varint());
                    var start = _position;
                    value = new WireValue(0, Take(length), start..(start + length), true);
                    break;
                case 5:
                    value = new WireValue(BitConverter.ToUInt32(Take(4)), default, default, false);
                    break;
                default:
                    throw new InvalidDataException($"Protobuf wire type {tag & 7} (field {field}) is not supported.");
            }

            return true;
        }

        private ulong Varint()
        {
            ulong result = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Take(1)[0];
                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }
            }

            throw new InvalidDataException("A protobuf varint is longer than 10 bytes.");
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || _position + count > _buffer.Length)
            {
                throw new InvalidDataException("A protobuf field runs past the end of its message.");
            }

            var taken = _buffer.Slice(_position, count);
            _position += count;
            return taken;
        }
    }
}
