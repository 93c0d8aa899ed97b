using System.Text.RegularExpressions;

namespace EOffice.Web.Services;

/// <summary>A unit of the org chart as the admin edits it (with whether it is active).</summary>
public sealed record AdminUnit(Guid Id, string Code, string Name, Guid? ParentId, bool Active, List<AdminUnit>? Children);

/// <summary>An acting holder (Plt/Plh) of a position with its dates.</summary>
public sealed record AdminActing(Guid Id, Guid UserId, string Name, string? Nip, string Kind, DateOnly From, DateOnly To);

/// <summary>A position as the admin edits it.</summary>
public sealed record AdminPosition(
    Guid Id, string Title, Guid UnitId, string? UnitCode, string? UnitName, Guid? SuperiorId, bool IsUnitHead, bool Active,
    PositionHolder? Holder, AdminActing? Acting)
{
    /// <summary>As the position pickers know it.</summary>
    public OrgPosition AsOrgPosition() =>
        new(Id, Title, UnitId, UnitName, Holder, Acting is { } a ? new PositionActing(a.UserId, a.Name, a.Nip, a.Kind) : null);
}

/// <summary>One holder of a position, from when to when (<c>to</c> is null while they hold it).</summary>
public sealed record HolderPeriod(Guid UserId, string Name, string? Nip, DateTimeOffset From, DateTimeOffset? To);

/// <summary>One piece of a position's pending work.</summary>
public sealed record PendingWorkEntry(string Kind, Guid LetterId, Guid? DispositionId, string? Number, string? Subject, string Security, DateTimeOffset At);

/// <summary>A position's pending work (counts are null when the service that keeps them did not answer).</summary>
public sealed record PendingWork(
    Guid PositionId, int? Drafts, int? ToReview, int? ToSign, int? ToSend, int? UnreadIncoming, int? OpenDispositions,
    IReadOnlyList<PendingWorkEntry>? Items, IReadOnlyList<string>? Unavailable)
{
    /// <summary>The counts with their Indonesian names, in the order an admin reads them.</summary>
    public IEnumerable<(string Label, int? Count)> Counts =>
    [
        ("Surat menunggu diperiksa", ToReview),
        ("Surat menunggu ditandatangani", ToSign),
        ("Disposisi terbuka", OpenDispositions),
        ("Surat masuk belum dibaca", UnreadIncoming),
        ("Konsep", Drafts),
        ("Surat siap dikirim", ToSend),
    ];

    /// <summary>Whether there is nothing pending (as far as the services answered).</summary>
    public bool IsEmpty => Counts.All(c => c.Count is null or 0);
}

/// <summary>A user as the admin sees them (with the NIK).</summary>
public sealed record AdminUser(
    Guid Id, string Nip, string Name, string Email, string? Phone, Guid? PositionId, string? PositionTitle, Guid? UnitId,
    string? UnitName, IReadOnlyList<string>? Roles, bool Active, string? Nik);

/// <summary>The answer of a password reset: the temporary password, shown once.</summary>
public sealed record PasswordReset(string TemporaryPassword);

/// <summary>The kop surat of an agency.</summary>
public sealed record Letterhead(IReadOnlyList<string>? Lines, string? Address, string? Phone, string? Email, string? Website, bool HasLogo);

/// <summary>Indonesian names of the org chart's roles and kinds, and the checks the admin forms make before sending.</summary>
public static partial class AdminText
{
    /// <summary>The roles a user may have, in the order the form lists them.</summary>
    public static readonly IReadOnlyList<string> Roles = ["staff", "secretariat", "archivist", "admin"];

    /// <summary>A role's Indonesian name.</summary>
    public static string Role(string role) => role switch
    {
        "staff" => "Pegawai",
        "secretariat" => "Sekretariat",
        "archivist" => "Arsiparis",
        "admin" => "Admin",
        _ => role,
    };

    /// <summary>An acting kind's Indonesian name.</summary>
    public static string ActingKind(string kind) => kind switch
    {
        "Plt" => "Plt. (pelaksana tugas)",
        "Plh" => "Plh. (pelaksana harian)",
        _ => kind,
    };

    /// <summary>A kind of pending work.</summary>
    public static string PendingKind(string kind) => kind switch
    {
        "drafts" => "Konsep",
        "toReview" => "Menunggu diperiksa",
        "toSign" => "Menunggu ditandatangani",
        "toSend" => "Siap dikirim",
        "unreadIncoming" => "Surat masuk belum dibaca",
        "openDispositions" => "Disposisi terbuka",
        _ => kind,
    };

    /// <summary>The Directory's English field messages in Indonesian (others as <see cref="Problem.Translate"/> makes them).</summary>
    public static string? Field(string? message) => message switch
    {
        null => null,
        "A NIP is 18 digits." => "NIP terdiri dari 18 angka.",
        "At least 8 characters." => "Minimal 8 karakter.",
        "At most 30 characters." => "Maksimal 30 karakter.",
        "No such user." or "No such active user." => "Pengguna tidak ditemukan atau tidak aktif.",
        "No such unit." => "Unit tidak ditemukan.",
        "Must not be before 'from'." => "Tidak boleh sebelum tanggal mulai.",
        "Plt or Plh." => "Pilih Plt atau Plh.",
        "A unit cannot be placed under itself or one of its own sub-units." => "Unit tidak dapat ditempatkan di bawah dirinya sendiri atau sub-unitnya.",
        "A position cannot report to itself or to one of its own subordinates." => "Jabatan tidak dapat melapor kepada dirinya sendiri atau bawahannya.",
        _ when message.StartsWith("Upper-case letters", StringComparison.Ordinal) => "Huruf besar, angka, '-' atau '_' (maks. 40), mis. DISKOMINFO.",
        _ when message.StartsWith("Each one of", StringComparison.Ordinal) => "Peran tidak dikenal.",
        _ when message.StartsWith("Give one to five", StringComparison.Ordinal) => "Isi satu sampai lima baris nama, masing-masing maks. 150 karakter.",
        _ => message,
    };

    /// <summary>The message for <paramref name="field"/> of <paramref name="problem"/> in Indonesian; null when none.</summary>
    public static string? Error(Problem? problem, string field) => Field(problem?.For(field));

    /// <summary>Whether a NIK is 16 digits.</summary>
    public static bool IsNik(string? nik) => nik is not null && NikFormat().IsMatch(nik);

    /// <summary>Whether a NIP is 18 digits.</summary>
    public static bool IsNip(string? nip) => nip is not null && NipFormat().IsMatch(nip);

    [GeneratedRegex("^[0-9]{16}$")]
    private static partial Regex NikFormat();

    [GeneratedRegex("^[0-9]{18}$")]
    private static partial Regex NipFormat();
}
