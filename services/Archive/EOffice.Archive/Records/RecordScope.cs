using EOffice.Org;
using EOffice.ServiceDefaults.Auth;

namespace EOffice.Archive.Records;

/// <summary>
/// What records a caller may see, with the letters' rules: records involving a position they hold or
/// act for; non-secret records of the agency they are secretariat of; every record of the agency they
/// are archivist of (secret ones included: archivists keep them). A recalled letter's records only
/// the archivists see.
/// </summary>
public sealed record RecordScope(Guid[] Positions, Guid[] SecretariatUnits, Guid[] ArchivistUnits)
{
    /// <summary>The SQL condition on alias <c>r</c>, with parameters @positions, @secretariatUnits, @archivistUnits.</summary>
    public const string Sql =
        """
        ((r.involved_positions && @positions and r.recalled_at is null)
         or r.unit_id = any(@archivistUnits)
         or (r.security in ('Biasa', 'Terbatas') and r.unit_id = any(@secretariatUnits) and r.recalled_at is null))
        """;

    /// <summary>
    /// The condition as a search should apply it: for a caller who sees whole agencies it is made
    /// non-indexable (<c>is true</c>), so the planner checks it on the text matches instead of
    /// intersecting a bitmap of the whole agency; for everyone else the indexable form leads.
    /// </summary>
    public string SearchSql => ArchivistUnits.Length > 0 || SecretariatUnits.Length > 0 ? $"({Sql}) is true" : Sql;

    /// <summary>Whether a record is visible (a recalled letter's only to the unit's archivists).</summary>
    public bool CanSee(Guid unitId, string security, IReadOnlyCollection<Guid> involved, bool recalled = false) =>
        ArchivistUnits.Contains(unitId)
        || (!recalled && (involved.Any(Positions.Contains) || (security is "Biasa" or "Terbatas" && SecretariatUnits.Contains(unitId))));

    /// <summary>Whether the caller is archivist of a unit.</summary>
    public bool IsArchivistOf(Guid unitId) => ArchivistUnits.Contains(unitId);

    /// <summary>The caller's scope, from the local org chart.</summary>
    public static async Task<RecordScope> OfAsync(Caller caller, OrgChart org, CancellationToken ct)
    {
        var positions = (await org.PositionsOfAsync(caller.UserId, ct)).ToArray();
        var agency = caller.UnitId is { } unit && (caller.IsIn("archivist") || caller.IsIn("secretariat"))
            ? (await org.AgencyUnitsAsync(unit, ct)).ToArray()
            : [];
        return new RecordScope(positions, caller.IsIn("secretariat") ? agency : [], caller.IsIn("archivist") ? agency : []);
    }
}
