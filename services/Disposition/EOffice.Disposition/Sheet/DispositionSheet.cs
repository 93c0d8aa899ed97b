using System.Net;
using System.Text;
using EOffice.Disposition.Dispositions;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Disposition.Sheet;

/// <summary>The letter as the paper sheet heads it.</summary>
public sealed record SheetLetter(
    Guid LetterId, string Number, string? AgendaNumber, DateOnly? Date, string? Subject, string? Sender, string Security, string Urgency,
    string ClassificationCode, DateTimeOffset ReceivedAt);

/// <summary>One line of the sheet.</summary>
public sealed record SheetLine(int Depth, string? From, string? FromName, string? To, IReadOnlyList<string> Instructions, string? Note,
    DateTimeOffset Date, DateTimeOffset DueAt, string Status, IReadOnlyList<string> FollowUps);

/// <summary>What the paper "lembar disposisi" shows.</summary>
public sealed record SheetView(SheetLetter Letter, IReadOnlyList<SheetLine> Dispositions);

/// <summary><c>GET /api/letters/{letterId}/dispositions/sheet</c>: JSON, or printable HTML for <c>Accept: text/html</c>.</summary>
public static class DispositionSheet
{
    /// <summary>Maps the endpoint.</summary>
    public static void MapDispositionSheet(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/letters/{letterId:guid}/dispositions/sheet", async (Guid letterId, HttpContext http, DispositionStore store, Db db, CancellationToken ct) =>
        {
            var tree = await store.TreeAsync(letterId, http.Caller(), ct);
            var letter = await db.QuerySingleOrDefaultAsync<SheetLetterRow>(
                """
                select letter_id, number, agenda_number, letter_date, subject, sender, security, urgency, classification_code, received_at
                from letter_receipts where letter_id = @letterId order by received_at limit 1
                """, new { letterId }, ct) ?? throw ProblemException.NotFound("letter");
            var lines = new List<SheetLine>();
            void Walk(IEnumerable<DispositionView> nodes, int depth)
            {
                foreach (var d in nodes)
                {
                    lines.Add(new SheetLine(depth, d.From.Title, d.FromUserName, d.To.Title, d.Instructions, d.Note, d.CreatedAt, d.DueAt, d.Status,
                        d.FollowUps.Select(f => f.Note).ToList()));
                    Walk(d.Children, depth + 1);
                }
            }

            Walk(tree, 0);
            var sheet = new SheetView(new SheetLetter(letter.LetterId, letter.Number, letter.AgendaNumber, letter.LetterDate, letter.Subject,
                letter.Sender, letter.Security, letter.Urgency, letter.ClassificationCode, letter.ReceivedAt), lines);
            return http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
                ? Results.Content(Html(sheet), "text/html; charset=utf-8")
                : Results.Ok(sheet);
        }).WithTags("Dispositions");

    private static string Html(SheetView s)
    {
        static string E(object? v) => WebUtility.HtmlEncode(v?.ToString() ?? "");
        var b = new StringBuilder();
        b.Append("<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Lembar Disposisi</title>")
         .Append("<style>body{font-family:serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:4px;vertical-align:top}h1{text-align:center;font-size:1.3em}</style></head><body>")
         .Append("<h1>LEMBAR DISPOSISI</h1><table>")
         .Append($"<tr><th>Nomor surat</th><td>{E(s.Letter.Number)}</td><th>Nomor agenda</th><td>{E(s.Letter.AgendaNumber)}</td></tr>")
         .Append($"<tr><th>Tanggal surat</th><td>{E(s.Letter.Date)}</td><th>Diterima</th><td>{E(s.Letter.ReceivedAt.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))}</td></tr>")
         .Append($"<tr><th>Dari</th><td colspan=\"3\">{E(s.Letter.Sender)}</td></tr>")
         .Append($"<tr><th>Perihal</th><td colspan=\"3\">{E(s.Letter.Subject ?? "(rahasia)")}</td></tr>")
         .Append($"<tr><th>Sifat</th><td>{E(s.Letter.Security)}</td><th>Derajat</th><td>{E(s.Letter.Urgency)}</td></tr></table><br><table>")
         .Append("<tr><th>Dari</th><th>Kepada</th><th>Petunjuk</th><th>Catatan</th><th>Tanggal</th><th>Batas waktu</th><th>Status</th></tr>");
        foreach (var l in s.Dispositions)
        {
            b.Append($"<tr><td>{new string('\u2003', l.Depth)}{E(l.From)}</td><td>{E(l.To)}</td><td>{E(string.Join(", ", l.Instructions))}</td><td>{E(l.Note)}")
             .Append(string.Concat(l.FollowUps.Select(f => $"<br>&#8627; {E(f)}")))
             .Append($"</td><td>{E(l.Date.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))}</td><td>{E(l.DueAt.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))}</td><td>{E(l.Status)}</td></tr>");
        }

        return b.Append("</table></body></html>").ToString();
    }

    private sealed class SheetLetterRow
    {
        public Guid LetterId { get; init; }
        public string Number { get; init; } = "";
        public string? AgendaNumber { get; init; }
        public DateOnly? LetterDate { get; init; }
        public string? Subject { get; init; }
        public string? Sender { get; init; }
        public string Security { get; init; } = "";
        public string Urgency { get; init; } = "";
        public string ClassificationCode { get; init; } = "";
        public DateTimeOffset ReceivedAt { get; init; }
    }
}
