using EOffice.ServiceDefaults.Text;
using MudBlazor;

namespace EOffice.Web.Services;

/// <summary>Values the API sends, as the app shows them.</summary>
public static class Labels
{
    /// <summary>Security levels (sifat), as the API names them.</summary>
    public static readonly IReadOnlyList<string> SecurityLevels = ["Biasa", "Terbatas", "Rahasia", "SangatRahasia"];

    /// <summary>Urgencies (kecepatan), as the API names them.</summary>
    public static readonly IReadOnlyList<string> Urgencies = ["Biasa", "Segera", "SangatSegera"];

    /// <summary>Letter statuses a mailbox may filter on.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["Draft", "InReview", "Signed", "Sent", "Received", "Recalled"];

    /// <summary>The chip colour of a security level.</summary>
    public static Color SecurityColor(string? level) => level switch
    {
        "SangatRahasia" => Color.Error,
        "Rahasia" => Color.Warning,
        "Terbatas" => Color.Info,
        _ => Color.Default,
    };

    /// <summary>The chip colour of an urgency.</summary>
    public static Color UrgencyColor(string? urgency) => urgency switch
    {
        "SangatSegera" => Color.Error,
        "Segera" => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>A disposition's status in Indonesian.</summary>
    public static string DispositionStatus(string? status) => status switch
    {
        "Open" => "Baru",
        "Read" => "Dibaca",
        "InProgress" => "Dikerjakan",
        "Completed" => "Selesai",
        "Cancelled" => "Dibatalkan",
        _ => status ?? "",
    };

    /// <summary>Disposition priorities, as the API names them.</summary>
    public static readonly IReadOnlyList<string> Priorities = ["Low", "Normal", "High"];

    /// <summary>Disposition statuses a list may filter on.</summary>
    public static readonly IReadOnlyList<string> DispositionStatuses = ["Open", "Read", "InProgress", "Completed", "Cancelled"];

    /// <summary>A disposition's priority in Indonesian.</summary>
    public static string Priority(string? priority) => priority switch
    {
        "Low" => "Rendah",
        "Normal" => "Biasa",
        "High" => "Tinggi",
        _ => priority ?? "",
    };

    /// <summary>The chip colour of a disposition status.</summary>
    public static Color DispositionColor(string? status) => status switch
    {
        "Open" => Color.Info,
        "Read" => Color.Primary,
        "InProgress" => Color.Warning,
        "Completed" => Color.Success,
        _ => Color.Default,
    };

    /// <summary>
    /// The due time a new disposition gets when none is given (DispositionRules.DefaultDue in the Disposition
    /// service): <c>SangatSegera</c> the end of today (WIB), <c>Segera</c> 24 hours, <c>Biasa</c> the end of the
    /// day five working days later; a forwarded one never after its parent.
    /// </summary>
    public static DateTimeOffset DefaultDue(string? urgency, DateTimeOffset now, DateTimeOffset? parentDue = null, int workingDays = 5)
    {
        var local = now.ToOffset(Indonesian.CityOffset);
        DateTimeOffset EndOf(System.DateTime day) => new(day.Date.AddDays(1).AddTicks(-1), Indonesian.CityOffset);
        DateTimeOffset due;
        switch (urgency)
        {
            case "SangatSegera":
                due = EndOf(local.DateTime);
                break;
            case "Segera":
                due = now.AddHours(24);
                break;
            default:
                var day = local.DateTime.Date;
                for (var added = 0; added < workingDays;)
                {
                    day = day.AddDays(1);
                    if (day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
                    {
                        added++;
                    }
                }

                due = EndOf(day);
                break;
        }

        return parentDue is { } p && p < due ? p : due;
    }

    /// <summary>Record lifecycle states, as the API names them.</summary>
    public static readonly IReadOnlyList<string> RecordStates = ["Active", "Inactive", "DueForDisposal", "Destroyed", "Permanent"];

    /// <summary>A record's lifecycle state in Indonesian.</summary>
    public static string RecordState(string? state) => state switch
    {
        "Active" => "Aktif",
        "Inactive" => "Inaktif",
        "DueForDisposal" => "Siap disusutkan",
        "Destroyed" => "Dimusnahkan",
        "Permanent" => "Permanen",
        _ => state ?? "",
    };

    /// <summary>A final disposition (nasib akhir) in Indonesian.</summary>
    public static string FinalDisposition(string? value) => value switch
    {
        "Destroy" => "Musnah",
        "Permanent" => "Permanen",
        "Review" => "Dinilai kembali",
        _ => value ?? "",
    };

    /// <summary>
    /// <paramref name="text"/> HTML-encoded with the words of <paramref name="query"/> (three letters or more, or digits)
    /// marked; the search matches stems, so a marked word is a hint, not the whole match.
    /// </summary>
    public static string Highlight(string? text, string? query)
    {
        var words = (query ?? "").Split([' ', '"', '\'', ',', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3 || w.All(char.IsDigit))
            .Select(System.Text.RegularExpressions.Regex.Escape)
            .ToList();
        if (words.Count == 0 || string.IsNullOrEmpty(text))
        {
            return System.Net.WebUtility.HtmlEncode(text ?? "");
        }

        // Split keeps the captured matches at the odd positions.
        var parts = System.Text.RegularExpressions.Regex.Split(text, "(" + string.Join("|", words) + ")",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
        return string.Concat(parts.Select((part, i) => i % 2 == 1
            ? "<mark>" + System.Net.WebUtility.HtmlEncode(part) + "</mark>"
            : System.Net.WebUtility.HtmlEncode(part)));
    }

    /// <summary>An optional date.</summary>
    public static string Date(DateOnly? date) => date is { } d ? Indonesian.Date(d) : "—";

    /// <summary>An optional instant.</summary>
    public static string DateTime(DateTimeOffset? at) => at is { } a ? Indonesian.DateTime(a) : "—";

    /// <summary>A file size.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024} KB",
        _ => $"{bytes / (1024 * 1024.0):0.0} MB".Replace('.', ','),
    };

    /// <summary>How an external addressee gets a letter, and how far: <c>Email terkirim</c>, <c>Menunggu kirim fisik</c>.</summary>
    public static string Dispatch(string method, string state) => (method, state) switch
    {
        ("email", "queued") => "Email dalam antrean",
        ("email", "sent") => "Email terkirim",
        ("email", "failed") => "Email gagal",
        (_, "pending") => "Menunggu kirim fisik",
        (_, "dispatched") => "Terkirim fisik",
        _ => state,
    };

    /// <summary>A timeline action in Indonesian.</summary>
    public static string Action(string action) => action switch
    {
        "drafted" => "Konsep dibuat",
        "edited" => "Konsep diubah",
        "submitted" => "Diajukan",
        "reviewed" => "Diperiksa",
        "returned" => "Dikembalikan",
        "signed" => "Ditandatangani",
        "sent" => "Dikirim",
        "read" => "Dibaca",
        "registered" => "Diregistrasi",
        "delivered" => "Diterima",
        "dispatched" => "Dikirim ke luar",
        "dispatch-queued" => "Pengiriman ke luar dicatat",
        "dispatch-failed" => "Pengiriman email gagal",
        "purged" => "Isi dimusnahkan",
        "forwarded" => "Diteruskan",
        "recalled" => "Ditarik kembali",
        "attachment-added" => "Lampiran ditambahkan",
        "disposition-created" => "Disposisi dibuat",
        _ => action,
    };
}
