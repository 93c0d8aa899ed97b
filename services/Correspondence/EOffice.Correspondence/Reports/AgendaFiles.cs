using System.Globalization;
using System.Text;
using EOffice.ServiceDefaults.Text;
using MiniExcelLibs;

namespace EOffice.Correspondence.Reports;

/// <summary>
/// The agenda book as a file. CSV: UTF-8 with a byte-order mark, <c>;</c> between fields and CRLF line ends — what
/// Excel with Indonesian regional settings (list separator <c>;</c>, decimal comma) opens into columns on a
/// double-click; dates as <c>yyyy-MM-dd HH:mm</c> (WIB). XLSX: written by MiniExcel, one sheet "Buku Agenda".
/// </summary>
public static class AgendaFiles
{
    /// <summary>The subject's place when the caller may not read it.</summary>
    public const string Hidden = "(dirahasiakan)";

    /// <summary>The column headings, in order.</summary>
    public static readonly IReadOnlyList<string> Headings =
    [
        "No. Agenda", "Tanggal Diterima", "Asal Surat", "Nomor Surat", "Tanggal Surat", "Perihal", "Sifat", "Derajat", "Jenis",
        "Ditujukan Kepada", "Unit Penerima", "Status",
    ];

    /// <summary>The file name: <c>buku-agenda-2026-01-01_2026-12-31.csv</c>.</summary>
    public static string FileName(string stem, string extension) => $"buku-agenda-{stem}.{extension}";

    private const int SenderDateColumn = 4;

    private static object?[] Cells(AgendaEntry e) =>
    [
        e.AgendaNumber, e.ReceivedAt.DateTime, e.SenderInstitution, e.SenderNumber, e.SenderDate?.ToDateTime(TimeOnly.MinValue),
        e.SubjectHidden ? Hidden : e.Subject, Indonesian.Security(e.Security), Indonesian.Urgency(e.Urgency), e.Type, e.AddressedTo, e.Unit, e.Status,
    ];

    /// <summary>The entries as CSV bytes.</summary>
    public static byte[] Csv(IReadOnlyList<AgendaEntry> entries)
    {
        var text = new StringBuilder();
        text.Append(string.Join(';', Headings.Select(Field))).Append("\r\n");
        foreach (var e in entries)
        {
            text.Append(string.Join(';', Cells(e).Select((c, i) => Field(c switch
            {
                DateTime d when i == SenderDateColumn => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                null => "",
                _ => Convert.ToString(c, CultureInfo.InvariantCulture) ?? "",
            })))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>The entries as an XLSX workbook.</summary>
    public static async Task<byte[]> XlsxAsync(IReadOnlyList<AgendaEntry> entries, CancellationToken ct)
    {
        var rows = entries.Select(e =>
        {
            var cells = Cells(e);
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < Headings.Count; i++)
            {
                row[Headings[i]] = cells[i];
            }

            return row;
        }).ToList();
        if (rows.Count == 0)
        {
            // MiniExcel writes the headings from the first row; an empty book still shows them.
            rows.Add(Headings.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal));
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "Buku Agenda", excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }

    // A field quoted when it holds the separator, a quote or a line break; a leading =, +, - or @ is neutralised so a
    // spreadsheet never runs a sender's text as a formula.
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
