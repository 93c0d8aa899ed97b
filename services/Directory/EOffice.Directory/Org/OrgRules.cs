using System.Text.RegularExpressions;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Directory.Org;

/// <summary>The rules of the org chart, as plain checks with no I/O.</summary>
public static partial class OrgRules
{
    /// <summary>The roles a user may have.</summary>
    public static readonly IReadOnlySet<string> Roles = new HashSet<string>(StringComparer.Ordinal) { "staff", "secretariat", "archivist", "admin" };

    /// <summary>Acting kinds: Plt (pelaksana tugas, a vacancy) and Plh (pelaksana harian, a short absence).</summary>
    public static readonly IReadOnlySet<string> ActingKinds = new HashSet<string>(StringComparer.Ordinal) { "Plt", "Plh" };

    /// <summary>A NIP is 18 digits.</summary>
    public static bool IsNip(string? nip) => nip is not null && NipFormat().IsMatch(nip);

    /// <summary>A NIK (Nomor Induk Kependudukan) is 16 digits.</summary>
    public static bool IsNik(string? nik) => nik is not null && NikFormat().IsMatch(nik);

    /// <summary>Whether <paramref name="viewer"/> may see the NIK of user <paramref name="userId"/>: admins and the user themself.</summary>
    public static bool MaySeeNik(EOffice.ServiceDefaults.Auth.Caller viewer, Guid userId) => viewer.IsIn("admin") || viewer.UserId == userId;

    /// <summary>A unit code: upper-case letters, digits, '-' or '_', at most 40.</summary>
    public static bool IsUnitCode(string? code) => code is not null && UnitCodeFormat().IsMatch(code);

    /// <summary>
    /// Whether making <paramref name="newParent"/> the parent of <paramref name="id"/> would make a
    /// cycle, given each node's current parent.
    /// </summary>
    public static bool WouldCycle(Guid id, Guid? newParent, IReadOnlyDictionary<Guid, Guid?> parentOf)
    {
        var seen = new HashSet<Guid>();
        for (var at = newParent; at is { } node; at = parentOf.GetValueOrDefault(node))
        {
            if (node == id || !seen.Add(node))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Checks a unit request.</summary>
    public static void Validate(UnitRequest r)
    {
        var errors = new FieldErrors();
        errors.Required("name", r.Name, 200);
        errors.Check(IsUnitCode(r.Code), "code", "Upper-case letters, digits, '-' or '_' (at most 40), e.g. DISKOMINFO.");
        errors.ThrowIfAny();
    }

    /// <summary>Checks a position request.</summary>
    public static void Validate(PositionRequest r)
    {
        var errors = new FieldErrors();
        errors.Required("title", r.Title, 200).Required("unitId", r.UnitId);
        errors.ThrowIfAny();
    }

    /// <summary>Checks a user request; <paramref name="creating"/> requires NIP and password.</summary>
    public static void Validate(UserRequest r, bool creating)
    {
        var errors = new FieldErrors();
        errors.Required("name", r.Name, 200);
        errors.Check(IsNip(r.Nip), "nip", "A NIP is 18 digits.");
        errors.Check(r.Nik is null or "" || IsNik(r.Nik), "nik", "NIK terdiri dari 16 angka.");
        errors.Check(r.Email is { Length: > 3 and <= 254 } e && e.Contains('@', StringComparison.Ordinal) && !e.Contains(' ', StringComparison.Ordinal),
            "email", "A valid email address.");
        errors.Check(r.Phone is null || r.Phone.Length <= 30, "phone", "At most 30 characters.");
        errors.Check(r.Roles is null || r.Roles.All(Roles.Contains), "roles", $"Each one of: {string.Join(", ", Roles)}.");
        if (creating || r.Password is not null)
        {
            errors.Check(r.Password is { Length: >= 8 and <= 200 }, "password", "At least 8 characters.");
        }

        errors.ThrowIfAny();
    }

    /// <summary>Checks an acting assignment.</summary>
    public static void Validate(ActingRequest r)
    {
        var errors = new FieldErrors();
        errors.Required("userId", r.UserId);
        errors.Check(r.From is not null, "from", "Required.");
        errors.Check(r.To is not null, "to", "Required.");
        errors.Check(r.From is null || r.To is null || r.To >= r.From, "to", "Must not be before 'from'.");
        errors.Check(r.Kind is null || ActingKinds.Contains(r.Kind), "kind", "Plt or Plh.");
        errors.ThrowIfAny();
    }

    [GeneratedRegex("^[0-9]{18}$")]
    private static partial Regex NipFormat();

    [GeneratedRegex("^[0-9]{16}$")]
    private static partial Regex NikFormat();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]{0,39}$")]
    private static partial Regex UnitCodeFormat();
}
