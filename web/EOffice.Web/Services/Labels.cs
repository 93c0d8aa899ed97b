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
    public static readonly IReadOnlyList<string> Statuses = ["Draft", "InReview", "Signed", "Sent", "Received"];

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
        "purged" => "Isi dimusnahkan",
        "forwarded" => "Diteruskan",
        "recalled" => "Ditarik",
        "attachment-added" => "Lampiran ditambahkan",
        "disposition-created" => "Disposisi dibuat",
        _ => action,
    };
}
