using System.Globalization;
using EOffice.Contracts;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Notification.Fanout;

/// <summary>Kinds of notification (one email preference each).</summary>
public static class NoticeKinds
{
    public const string ReviewRequested = "review-requested";
    public const string SignatureRequested = "signature-requested";
    public const string LetterReturned = "letter-returned";
    public const string LetterReceived = "letter-received";
    public const string LetterCc = "letter-cc";
    public const string LetterRead = "letter-read";
    public const string DispositionReceived = "disposition-received";
    public const string DispositionFollowedUp = "disposition-followed-up";
    public const string DispositionCompleted = "disposition-completed";
    public const string DispositionOverdue = "disposition-overdue";
    public const string RecordDue = "record-due-for-disposal";
    public const string LetterSigned = "letter-signed";
    public const string LetterToSend = "letter-to-send";
    public const string LetterForwarded = "letter-forwarded";

    /// <summary>Every kind, in the order preferences list them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        ReviewRequested, SignatureRequested, LetterReturned, LetterSigned, LetterToSend, LetterReceived, LetterCc, LetterRead, DispositionReceived,
        DispositionFollowedUp, DispositionCompleted, DispositionOverdue, RecordDue, LetterForwarded,
    ];
}

/// <summary>Who a notice is for: the holders (and acting holders) of positions, or a role in a unit's agency.</summary>
public sealed record Audience(IReadOnlyList<Guid> Positions, string? Role = null, Guid? AgencyOfUnit = null);

/// <summary>A notification to make, in Indonesian, with a link to the item.</summary>
public sealed record Notice(string Kind, string Title, string Body, string Link, Audience Audience);

/// <summary>Notices of a kind about an item that no longer call for anyone's attention.</summary>
public sealed record Withdrawal(string Kind, string Link);

/// <summary>
/// What each event tells whom (plain rules, no I/O). Secret letters' notices never name their subject:
/// their events do not carry it.
/// </summary>
public static class Notices
{
    // The service runs with invariant globalization: month names are spelled out here.
    private static readonly string[] Months =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    /// <summary>The notices an event gives rise to (none for events that concern nobody in particular).</summary>
    public static IReadOnlyList<Notice> For(object message) => message switch
    {
        LetterReviewRequested m => [m.ForSignature
            ? new Notice(NoticeKinds.SignatureRequested, $"Permintaan tanda tangan: {Subject(m.Subject, m.Security)}",
                "Naskah menunggu tanda tangan Anda.", Letter(m.LetterId), Positions(m.ReviewerPositionId))
            : new Notice(NoticeKinds.ReviewRequested, $"Permintaan paraf: {Subject(m.Subject, m.Security)}",
                $"Naskah menunggu verifikasi Anda (langkah {m.Step}).", Letter(m.LetterId), Positions(m.ReviewerPositionId))],
        LetterReturned m => [new Notice(NoticeKinds.LetterReturned, $"Naskah dikembalikan: {Subject(m.Subject, m.Security)}",
            string.IsNullOrWhiteSpace(m.Comment) ? "Naskah dikembalikan untuk diperbaiki." : $"Catatan: {m.Comment}", Letter(m.LetterId),
            Positions(m.DrafterPositionId))],
        LetterSigned m => [
            new Notice(NoticeKinds.LetterToSend, "Naskah siap dikirim",
                $"Naskah nomor {m.Number} tanggal {Day(m.Date)} telah ditandatangani dan menunggu pengiriman.", Letter(m.LetterId),
                new Audience([], "secretariat", m.UnitId)),
            .. m.DrafterPositionId is { } drafter && drafter != m.SignerPositionId
                ? [new Notice(NoticeKinds.LetterSigned, "Naskah Anda telah ditandatangani",
                    $"Naskah Anda ditandatangani dengan nomor {m.Number} tanggal {Day(m.Date)}.", Letter(m.LetterId), Positions(drafter))]
                : Array.Empty<Notice>(),
        ],
        LetterReceived m => [new Notice(m.Cc ? NoticeKinds.LetterCc : NoticeKinds.LetterReceived,
            $"{(m.Cc ? "Tembusan" : m.Incoming ? "Surat masuk" : "Naskah masuk")}: {Subject(m.Subject, m.Security)}",
            $"Nomor {m.Number}{(m.Sender is { } s ? $" dari {s}" : "")}. Sifat {m.Security}, {Urgency(m.Urgency)}.", Letter(m.LetterId),
            Positions(m.RecipientPositionId))],
        LetterForwarded m => [new Notice(NoticeKinds.LetterForwarded, $"Naskah diteruskan: {Subject(m.Subject, m.Security)}",
            $"{(m.Number is { } n ? $"Nomor {n} d" : "D")}iteruskan oleh {m.FromTitle ?? "rekan Anda"}{(string.IsNullOrWhiteSpace(m.Note) ? "." : $" dengan catatan: {m.Note}")}",
            Letter(m.LetterId), Positions([.. m.ToPositionIds]))],
        LetterRead m when m.SenderPositionId is { } sender => [new Notice(NoticeKinds.LetterRead, "Naskah telah dibaca",
            $"Naskah Anda dibaca penerima pada {Wib(m.ReadAt)}.", Letter(m.LetterId), Positions(sender))],
        DispositionCreated m => [new Notice(NoticeKinds.DispositionReceived, "Disposisi baru",
            $"{string.Join(", ", m.Instructions)}{(string.IsNullOrWhiteSpace(m.Note) ? "" : $" — {m.Note}")}. Batas waktu {Wib(m.DueAt)}.",
            Disposition(m.DispositionId), Positions(m.ToPositionId))],
        DispositionFollowedUp m => [new Notice(NoticeKinds.DispositionFollowedUp, "Tindak lanjut disposisi", m.Note,
            Disposition(m.DispositionId), Positions(m.FromPositionId))],
        DispositionCompleted m => [new Notice(NoticeKinds.DispositionCompleted, "Disposisi selesai",
            m.LetterCompleted ? "Disposisi selesai; seluruh disposisi surat ini telah selesai." : "Disposisi yang Anda berikan telah diselesaikan.",
            Disposition(m.DispositionId), Positions(m.FromPositionId))],
        DispositionOverdue m => [new Notice(NoticeKinds.DispositionOverdue, "Disposisi melewati batas waktu",
            $"Batas waktu {Wib(m.DueAt)} telah lewat dan disposisi belum selesai.", Disposition(m.DispositionId),
            Positions(m.ToPositionId, m.FromPositionId))],
        RecordDueForDisposal m => [new Notice(NoticeKinds.RecordDue, "Arsip jatuh tempo retensi",
            $"Arsip dengan kode klasifikasi {m.ClassificationCode} telah habis masa retensinya ({Final(m.FinalDisposition)}); usulkan penyusutannya.",
            $"/records/{m.RecordId}", new Audience([], "archivist", m.UnitId))],
        _ => [],
    };

    /// <summary>
    /// The notices an event takes back: a disposition cancelled (only possible while unread) no longer
    /// waits for its assignee, so its "Disposisi baru" is marked read; a sent letter no longer waits for
    /// the secretariat.
    /// </summary>
    public static IReadOnlyList<Withdrawal> Withdrawn(object message) => message switch
    {
        DispositionCancelled m => [new Withdrawal(NoticeKinds.DispositionReceived, Disposition(m.DispositionId))],
        LetterSent m => [new Withdrawal(NoticeKinds.LetterToSend, Letter(m.LetterId))],
        // A recalled letter left its recipients' inboxes: so do the notices that it arrived.
        LetterRecalled m => [new Withdrawal(NoticeKinds.LetterReceived, Letter(m.LetterId)), new Withdrawal(NoticeKinds.LetterCc, Letter(m.LetterId))],
        _ => [],
    };

    private static Audience Positions(params Guid[] positions) => new(positions.Where(p => p != Guid.Empty).Distinct().ToList());

    private static string Subject(string? subject, string security) => subject ?? $"(naskah bersifat {security})";

    private static string Letter(Guid id) => $"/letters/{id}";

    private static string Disposition(Guid id) => $"/dispositions/{id}";

    private static string Wib(DateTimeOffset at)
    {
        var local = CityClock.InCity(at);
        return string.Create(CultureInfo.InvariantCulture, $"{local.Day} {Months[local.Month - 1]} {local.Year} {local:HH:mm} {CityClock.ZoneName}");
    }

    private static string Day(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Day} {Months[d.Month - 1]} {d.Year}");

    private static string Urgency(string urgency) => urgency switch
    {
        UrgencyLevels.SangatSegera => "sangat segera",
        UrgencyLevels.Segera => "segera",
        _ => "biasa",
    };

    private static string Final(string final) => final switch
    {
        "Destroy" => "musnah",
        "Permanent" => "permanen",
        _ => "dinilai kembali",
    };
}
