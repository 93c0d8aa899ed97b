using System.Net;
using System.Text;
using EOffice.Disposition.Dispositions;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EOffice.Disposition.Sheet;

/// <summary>
/// The letter as the paper sheet heads it: the sender's own number and date (for an incoming letter),
/// our agenda number, when it reached the office and when it was registered.
/// </summary>
public sealed record SheetLetter(
    Guid LetterId, string Number, string? AgendaNumber, DateOnly? Date, string? Subject, string? Sender, string Security, string Urgency,
    string ClassificationCode, DateTimeOffset ReceivedAt)
{
    /// <summary>The number written on the letter by its sender (incoming letters), else our own number.</summary>
    public string? SenderNumber { get; init; }

    /// <summary>The date written on the letter by its sender (incoming letters), else our letter's date.</summary>
    public DateOnly? SenderDate { get; init; }

    /// <summary>When it reached the office, as the secretariat recorded it (incoming letters).</summary>
    public DateTimeOffset? LetterReceivedAt { get; init; }
}

/// <summary>One line of the sheet; <c>fromAs</c> carries Plt./Plh. for an acting holder, <c>statusText</c> is Indonesian.</summary>
public sealed record SheetLine(int Depth, string? From, string? FromName, string? To, IReadOnlyList<string> Instructions, string? Note,
    DateTimeOffset Date, DateTimeOffset DueAt, string Status, IReadOnlyList<string> FollowUps)
{
    /// <summary>The sender's title as they acted.</summary>
    public string? FromAs { get; init; }

    /// <summary>The status in Indonesian.</summary>
    public string StatusText { get; init; } = "";

    /// <summary>Completed after its due time.</summary>
    public bool Late { get; init; }
}

/// <summary>What the paper "lembar disposisi" shows: the branches the caller may see, cancelled ones left out.</summary>
public sealed record SheetView(SheetLetter Letter, IReadOnlyList<SheetLine> Dispositions);

/// <summary><c>GET /api/letters/{letterId}/dispositions/sheet</c>: JSON, or printable HTML (Indonesian) for <c>Accept: text/html</c>.</summary>
public static class DispositionSheet
{
    /// <summary>Maps the endpoint.</summary>
    public static void MapDispositionSheet(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/letters/{letterId:guid}/dispositions/sheet", async Task<Results<Ok<SheetView>, ContentHttpResult>> (Guid letterId, HttpContext http, DispositionReads reads,
            SheetLetters letters, SecretSubject secretSubject, CancellationToken ct) =>
        {
            var tree = await reads.TreeAsync(letterId, http.Caller(), ct);
            var letter = await letters.FindAsync(letterId, ct) ?? throw ProblemException.NotFound("letter");
            // A secret letter's subject travels in no event; whoever is on its disposition chain may read it.
            var subject = letter.Subject ?? await secretSubject.ForAsync(letterId, http.Request.Headers.Authorization, ct);
            var sheet = new SheetView(
                letter with { Subject = subject },
                Lines(tree));
            return http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
                ? TypedResults.Content(Html(sheet), "text/html; charset=utf-8")
                : TypedResults.Ok(sheet);
        }).WithTags("Dispositions").WithProblems().WithSummary("Get the disposition sheet (lembar disposisi) as JSON or printable HTML");

    /// <summary>A disposition's status as the sheet says it.</summary>
    public static string StatusText(string status) => status switch
    {
        DispositionStatus.Open => "Belum dibaca",
        DispositionStatus.Read => "Sudah dibaca",
        DispositionStatus.InProgress => "Sedang ditindaklanjuti",
        DispositionStatus.Completed => "Selesai",
        DispositionStatus.Cancelled => "Dibatalkan",
        _ => status,
    };

    // Depth-first, oldest first; a cancelled disposition (and what hangs under it) is not on paper.
    private static List<SheetLine> Lines(IEnumerable<DispositionView> tree)
    {
        var lines = new List<SheetLine>();
        void Walk(IEnumerable<DispositionView> nodes, int depth)
        {
            foreach (var d in nodes.Where(d => d.Status != DispositionStatus.Cancelled))
            {
                lines.Add(new SheetLine(depth, d.From.Title, d.FromUserName, d.To.Title, d.Instructions, d.Note, d.CreatedAt, d.DueAt, d.Status,
                    d.FollowUps.Select(f => f.Note).ToList())
                {
                    FromAs = d.FromAs ?? d.From.Title,
                    StatusText = StatusText(d.Status) + (d.Late ? " (terlambat)" : ""),
                    Late = d.Late,
                });
                Walk(d.Children, depth + 1);
            }
        }

        Walk(tree, 0);
        return lines;
    }

    private static string Html(SheetView s)
    {
        static string E(object? v) => WebUtility.HtmlEncode(v?.ToString() ?? "");
        var l = s.Letter;
        var b = new StringBuilder();
        b.Append("<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Lembar Disposisi</title>")
         .Append("<style>body{font-family:serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:4px;vertical-align:top;text-align:left}")
         .Append("h1{text-align:center;font-size:1.3em}@page{size:A4;margin:15mm}</style></head><body>")
         .Append("<h1>LEMBAR DISPOSISI</h1><table>")
         .Append($"<tr><th>Nomor surat</th><td>{E(l.SenderNumber)}</td><th>Nomor agenda</th><td>{E(l.AgendaNumber ?? "-")}</td></tr>")
         .Append($"<tr><th>Tanggal surat</th><td>{E(l.SenderDate is { } d ? Indonesian.Date(d) : "-")}</td>")
         .Append($"<th>Diterima</th><td>{E(Indonesian.DateTime(l.LetterReceivedAt ?? l.ReceivedAt))}</td></tr>")
         .Append($"<tr><th>Dari</th><td>{E(l.Sender)}</td><th>Diregistrasi</th><td>{E(Indonesian.DateTime(l.ReceivedAt))}</td></tr>")
         .Append($"<tr><th>Perihal</th><td colspan=\"3\">{E(l.Subject ?? "(rahasia)")}</td></tr>")
         .Append($"<tr><th>Sifat</th><td>{E(Indonesian.Security(l.Security))}</td><th>Derajat kecepatan</th><td>{E(Indonesian.Urgency(l.Urgency))}</td></tr></table><br><table>")
         .Append("<tr><th>Dari</th><th>Kepada</th><th>Petunjuk</th><th>Catatan</th><th>Tanggal</th><th>Batas waktu</th><th>Status</th></tr>");
        foreach (var line in s.Dispositions)
        {
            b.Append($"<tr><td>{new string('\u2003', line.Depth)}{E(line.FromAs)}")
             .Append(line.FromName is null ? "" : $"<br><small>{E(line.FromName)}</small>")
             .Append($"</td><td>{E(line.To)}</td><td>{E(string.Join(", ", line.Instructions))}</td><td>{E(line.Note)}")
             .Append(string.Concat(line.FollowUps.Select(f => $"<br>&#8627; {E(f)}")))
             .Append($"</td><td>{E(Indonesian.Date(line.Date))}</td><td>{E(Indonesian.DateTime(line.DueAt))}</td><td>{E(line.StatusText)}</td></tr>");
        }

        return b.Append("</table></body></html>").ToString();
    }
}
