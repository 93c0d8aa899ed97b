using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Text;

namespace EOffice.Correspondence.Delegations;

/// <summary>
/// The rules of delegated signing (DOMAIN.md, "On behalf of") as plain checks: which delegation lets a
/// position sign a letter type on a day, what a refusal says, and how the signature names the signer.
/// </summary>
public static class DelegationRules
{
    /// <summary>Atas nama: a delegate signs for a superior.</summary>
    public const string AtasNama = "an";

    /// <summary>Untuk beliau: one level further down.</summary>
    public const string UntukBeliau = "ub";

    /// <summary>The kinds.</summary>
    public static readonly IReadOnlyList<string> Kinds = [AtasNama, UntukBeliau];

    /// <summary>Checks a new delegation; <paramref name="today"/> is the city's date.</summary>
    public static void Validate(DelegationRequest r, IReadOnlySet<string> letterTypes, DateOnly today)
    {
        var errors = new FieldErrors();
        errors.Check(r.FromPositionId is { } f && f != Guid.Empty, "fromPositionId", "Wajib diisi.");
        errors.Check(r.ToPositionId is { } t && t != Guid.Empty, "toPositionId", "Wajib diisi.");
        errors.Check(r.FromPositionId is null || r.FromPositionId != r.ToPositionId, "toPositionId", "Jabatan tidak dapat mendelegasikan kepada dirinya sendiri.");
        errors.Check(r.Kind is not null && Kinds.Contains(r.Kind), "kind", "Salah satu dari: an, ub.");
        var types = r.LetterTypes ?? [];
        errors.Check(types.Count > 0, "letterTypes", "Sebutkan paling sedikit satu jenis naskah.");
        errors.Check(types.All(letterTypes.Contains), "letterTypes",
            $"Jenis naskah tidak dikenal. Salah satu dari: {string.Join(", ", letterTypes.Order(StringComparer.Ordinal))}.");
        errors.Check(types.Distinct(StringComparer.Ordinal).Count() == types.Count, "letterTypes", "Jenis naskah disebut dua kali.");
        errors.Check(r.From is not null, "from", "Wajib diisi (tanggal, WIB).");
        errors.Check(r.To is not null, "to", "Wajib diisi (tanggal, WIB).");
        if (r.From is { } from && r.To is { } to)
        {
            errors.Check(from <= to, "to", "Tanggal berakhir tidak boleh sebelum tanggal mulai.");
            errors.Check(to >= today, "to", "Tanggal berakhir sudah lewat.");
        }

        errors.ThrowIfAny();
    }

    /// <summary>Whether a delegation lets its delegate sign a letter of <paramref name="letterType"/> on <paramref name="day"/>.</summary>
    public static bool Covers(Delegation d, string letterType, DateOnly day) =>
        d.LetterTypes.Contains(letterType, StringComparer.Ordinal) && d.From <= day && day <= d.To;

    /// <summary>
    /// Whether a draft may name the delegator: a delegation for the letter type that has not ended
    /// (it may start later; signing checks the day itself).
    /// </summary>
    public static bool AllowsDrafting(Delegation d, string letterType, DateOnly today) =>
        d.LetterTypes.Contains(letterType, StringComparer.Ordinal) && today <= d.To;

    /// <summary>
    /// The delegation that lets the delegate sign today, or null; <paramref name="refusal"/> says why not
    /// (ended, not started, not for this letter type, none), in Indonesian.
    /// </summary>
    public static Delegation? AtSigning(IReadOnlyList<Delegation> delegations, string letterType, DateOnly today, string delegatorTitle, out string refusal)
    {
        refusal = "";
        var valid = delegations.Where(d => Covers(d, letterType, today)).OrderByDescending(d => d.To).FirstOrDefault();
        if (valid is not null)
        {
            return valid;
        }

        var forType = delegations.Where(d => d.LetterTypes.Contains(letterType, StringComparer.Ordinal)).ToList();
        refusal = forType.Count == 0
            ? delegations.Count == 0
                ? $"Anda tidak memiliki pendelegasian untuk menandatangani atas nama {delegatorTitle}."
                : $"Pendelegasian atas nama {delegatorTitle} tidak mencakup jenis naskah {letterType}."
            : forType.Where(d => d.To < today).MaxBy(d => d.To) is { } ended && !forType.Any(d => d.From > today)
                ? $"Pendelegasian atas nama {delegatorTitle} telah berakhir pada {Indonesian.Date(ended.To)}; naskah ini tidak dapat lagi ditandatangani atas nama beliau."
                : $"Pendelegasian atas nama {delegatorTitle} baru berlaku mulai {Indonesian.Date(forType.Where(d => d.From > today).Min(d => d.From))}.";
        return null;
    }

    /// <summary>The prefix of a delegated signature: <c>a.n.</c> or <c>u.b.</c>.</summary>
    public static string Prefix(string kind) => kind == UntukBeliau ? "u.b." : "a.n.";

    /// <summary>The first line of a delegated signature block: <c>a.n. Kepala Dinas Komunikasi dan Informatika</c>.</summary>
    public static string OnBehalfLine(string kind, string delegatorTitle) => $"{Prefix(kind)} {delegatorTitle}";

    /// <summary>
    /// How the signer is named wherever a signed letter shows them: <c>a.n. Kepala Dinas …, Sekretaris …</c>
    /// (the signer's own title may itself read <c>Plt. …</c>).
    /// </summary>
    public static string SignerTitle(string kind, string delegatorTitle, string signerTitle) =>
        $"{OnBehalfLine(kind, delegatorTitle)}, {signerTitle}";
}
