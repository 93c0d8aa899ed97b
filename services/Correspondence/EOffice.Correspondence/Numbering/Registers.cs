using EOffice.ServiceDefaults.Data;

namespace EOffice.Correspondence.Numbering;

/// <summary>Where a document type's letters are numbered: their own unit's register, or their agency's.</summary>
public static class NumberingScopes
{
    /// <summary>Each unit numbers its own letters (the default, Permendagri 1/2023's example).</summary>
    public const string Unit = "unit";

    /// <summary>One register for the whole agency (perangkat daerah): the agency unit's own counter, code and format.</summary>
    public const string Agency = "agency";

    /// <summary>The scopes.</summary>
    public static readonly IReadOnlyList<string> All = [Unit, Agency];

    /// <summary>
    /// The scope in force in <paramref name="year"/>: the change with the greatest start year not after it,
    /// else <see cref="Unit"/>.
    /// </summary>
    public static string InForce(IEnumerable<(int FromYear, string Scope)> changes, int year) =>
        changes.Where(c => c.FromYear <= year).OrderByDescending(c => c.FromYear).Select(c => c.Scope).FirstOrDefault() ?? Unit;

    /// <summary>
    /// The year a change made in <paramref name="currentYear"/> takes effect: a register runs a whole year, so
    /// a change starts with next year's register, never mid-year.
    /// </summary>
    public static int ChangeTakesEffect(int currentYear) => currentYear + 1;
}

/// <summary>The register a letter is numbered in: its counter scope, format and the unit code the number shows.</summary>
public sealed record Register(string Scope, string Format, string UnitCode, Guid UnitId);

/// <summary>
/// Numbering registers per document type (reference data): which register a letter takes its number from,
/// and the number itself, inside the signing transaction.
/// </summary>
public static class Registers
{
    /// <summary>The changes of a type's scope (start year, scope).</summary>
    public static async Task<IReadOnlyList<(int FromYear, string Scope)>> ChangesAsync(UnitOfWork uow, string letterType) =>
        (await uow.QueryAsync<ScopeRow>("select from_year, scope from numbering_registers where letter_type = @letterType", new { letterType }))
        .Select(r => (r.FromYear, r.Scope)).ToList();

    /// <summary>
    /// The register for a letter of <paramref name="letterType"/> signed in <paramref name="unitId"/> on <paramref name="date"/>:
    /// the unit's own, or, where the type is numbered per agency that year, the agency unit's (its counter, format and code).
    /// </summary>
    public static async Task<Register> ForAsync(UnitOfWork uow, string letterType, Guid unitId, string unitCode, DateOnly date)
    {
        var scope = NumberingScopes.InForce(await ChangesAsync(uow, letterType), date.Year);
        if (scope == NumberingScopes.Agency)
        {
            var agencyUnit = await uow.QuerySingleOrDefaultAsync<AgencyRow>(
                """
                with recursive up (id, code, parent_id, depth) as (
                    select id, code, parent_id, 0 from org_units where id = @unitId
                    union all
                    select u.id, u.code, u.parent_id, up.depth + 1 from org_units u join up on u.id = up.parent_id where up.depth < 50
                )
                select id, code from up where parent_id is not null order by depth desc limit 1
                """, new { unitId });
            if (agencyUnit is not null)
            {
                return new Register(NumberFormat.Scope("letter", agencyUnit.Id, date.Year), await Counters.FormatOfAsync(uow, agencyUnit.Id),
                    agencyUnit.Code, agencyUnit.Id);
            }
        }

        return new Register(NumberFormat.Scope("letter", unitId, date.Year), await Counters.FormatOfAsync(uow, unitId), unitCode, unitId);
    }

    /// <summary>Takes the register's next gapless number (under the counter's row lock) and formats it.</summary>
    public static async Task<(int Sequence, string Number)> NextNumberAsync(UnitOfWork uow, Register register, string classification, DateOnly date)
    {
        var sequence = await Counters.NextAsync(uow, register.Scope);
        return (sequence, NumberFormat.Apply(register.Format, classification, sequence, register.UnitCode, date));
    }

    private sealed class ScopeRow
    {
        public int FromYear { get; init; }
        public string Scope { get; init; } = "";
    }

    private sealed class AgencyRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
    }
}

/// <summary>A pending change of a type's numbering scope: the scope and the year its register starts.</summary>
public sealed record ScopeChange(string Scope, int FromYear);

/// <summary>A document type's numbering scope as the API shows it: in force this year, and a change waiting for next year.</summary>
public sealed record TypeNumbering(string Scope, ScopeChange? Next);

/// <summary>Reads and changes the numbering scope of document types (admin reference data).</summary>
public static class TypeRegisters
{
    /// <summary>Each type's scope this year and any change already decided for a later year.</summary>
    public static async Task<IReadOnlyDictionary<string, TypeNumbering>> AllAsync(Db db, int year, CancellationToken ct)
    {
        var rows = await db.QueryAsync<TypeScopeRow>("select letter_type, from_year, scope from numbering_registers", ct: ct);
        return rows.GroupBy(r => r.LetterType, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Of(g.Select(r => (r.FromYear, r.Scope)), year),
            StringComparer.Ordinal);
    }

    /// <summary>The scope in force in <paramref name="year"/> and the latest change after it.</summary>
    public static TypeNumbering Of(IEnumerable<(int FromYear, string Scope)> changes, int year)
    {
        var list = changes.ToList();
        var now = NumberingScopes.InForce(list, year);
        var later = list.Where(c => c.FromYear > year).OrderByDescending(c => c.FromYear).FirstOrDefault();
        return new TypeNumbering(now, later.Scope is { } s && s != now ? new ScopeChange(s, later.FromYear) : null);
    }

    /// <summary>
    /// Sets a type's scope. A new type has no register yet: its scope applies at once. For a type in use the
    /// change waits for next year's register (this year's keeps counting where it is); asking for the scope in
    /// force now cancels a pending change.
    /// </summary>
    public static async Task<TypeNumbering> SetAsync(UnitOfWork uow, string letterType, string scope, bool newType, int year, Guid userId)
    {
        if (newType)
        {
            await uow.ExecuteAsync(
                "insert into numbering_registers (letter_type, from_year, scope, changed_by) values (@letterType, 0, @scope, @userId)",
                new { letterType, scope, userId });
            return new TypeNumbering(scope, null);
        }

        var from = NumberingScopes.ChangeTakesEffect(year);
        var current = NumberingScopes.InForce(await Registers.ChangesAsync(uow, letterType), year);
        await uow.ExecuteAsync("delete from numbering_registers where letter_type = @letterType and from_year >= @from", new { letterType, from });
        if (scope != current)
        {
            await uow.ExecuteAsync(
                "insert into numbering_registers (letter_type, from_year, scope, changed_by) values (@letterType, @from, @scope, @userId)",
                new { letterType, from, scope, userId });
        }

        return Of(await Registers.ChangesAsync(uow, letterType), year);
    }

    private sealed class TypeScopeRow
    {
        public string LetterType { get; init; } = "";
        public int FromYear { get; init; }
        public string Scope { get; init; } = "";
    }
}
