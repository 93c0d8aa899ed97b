using System.Globalization;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;
using Microsoft.AspNetCore.Http;

namespace EOffice.Org.Reports;

/// <summary>
/// A report's period: whole days in the city's calendar (WIB), <see cref="From"/> to <see cref="To"/> inclusive, and
/// the instants that bound it (<see cref="Start"/> inclusive, <see cref="End"/> exclusive) for SQL.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    /// <summary>Midnight WIB at the start of <see cref="From"/>.</summary>
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), CityClock.Offset);

    /// <summary>Midnight WIB after <see cref="To"/> (exclusive).</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), CityClock.Offset);

    /// <summary>The months the period touches, as <c>yyyy-MM</c>, in order.</summary>
    public IReadOnlyList<string> Months
    {
        get
        {
            var months = new List<string>();
            for (var m = new DateOnly(From.Year, From.Month, 1); m <= To; m = m.AddMonths(1))
            {
                months.Add(m.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            }

            return months;
        }
    }

    /// <summary>The period in a file name: <c>2026-01-01_2026-12-31</c>.</summary>
    public string FileStem => string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd}_{To:yyyy-MM-dd}");
}

/// <summary>
/// Who sees which units in a report: heads of units (holders or acting holders of a head position) their unit and
/// every unit below it, the secretariat their agency; both with the content (subjects, senders). An admin without
/// either sees every unit, counts only (<see cref="Content"/> false). <see cref="Units"/> is null for every unit.
/// </summary>
public sealed record ReportScope(IReadOnlyCollection<Guid>? Units, bool Content, IReadOnlyCollection<Guid> Positions)
{
    /// <summary>The units as an SQL parameter (empty when every unit: use <see cref="All"/>).</summary>
    public Guid[] UnitArray => Units?.ToArray() ?? [];

    /// <summary>Whether every unit is in scope.</summary>
    public bool All => Units is null;

    /// <summary>The caller's positions (held or acted for today) as an SQL parameter.</summary>
    public Guid[] PositionArray => Positions.ToArray();

    /// <summary>403 unless the scope includes the content (admins see counts only).</summary>
    public void RequireContent(string what)
    {
        if (!Content)
        {
            throw ProblemException.Forbidden(
                $"Admin hanya melihat jumlah surat dan disposisi, bukan isinya; {what} hanya untuk kepala unit dan sekretariat.");
        }
    }
}

/// <summary>Report parameters as plain rules: dates, formats (no I/O).</summary>
public static class ReportRules
{
    /// <summary>The longest period a report covers.</summary>
    public const int MaxDays = 366 * 5;

    // Before the Republic's first letter or far in the future, a date is a typo (and the instant of 0001-01-01 WIB
    // does not exist in UTC).
    private static readonly DateOnly Earliest = new(1945, 8, 17);
    private static readonly DateOnly Latest = new(2999, 12, 31);

    /// <summary>
    /// The period from <c>from</c>/<c>to</c> (<c>yyyy-MM-dd</c>, WIB days); either missing defaults to this
    /// year's first or last day. 400 naming the field when unreadable, reversed or longer than five years.
    /// </summary>
    public static ReportPeriod Period(string? from, string? to, DateOnly today)
    {
        var errors = new FieldErrors();
        DateOnly? Read(string field, string? text, DateOnly fallback)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                if (day >= Earliest && day <= Latest)
                {
                    return day;
                }

                errors.Add(field, "Tanggal di luar rentang yang masuk akal.");
                return null;
            }

            errors.Add(field, "Tanggal tidak sah; tulis sebagai TTTT-BB-HH, misalnya 2026-01-31.");
            return null;
        }

        var f = Read("from", from, new DateOnly(today.Year, 1, 1));
        var t = Read("to", to, new DateOnly(today.Year, 12, 31));
        errors.ThrowIfAny();
        errors.Check(f!.Value <= t!.Value, "to", "Tanggal akhir tidak boleh sebelum tanggal awal.");
        errors.Check(t.Value.DayNumber - f.Value.DayNumber < MaxDays, "to", "Rentang laporan paling lama lima tahun.");
        errors.ThrowIfAny();
        return new ReportPeriod(f.Value, t.Value);
    }

    /// <summary>An optional unit id; 400 naming <c>unitId</c> when it is not an id.</summary>
    public static Guid? UnitId(string? unitId)
    {
        if (string.IsNullOrWhiteSpace(unitId))
        {
            return null;
        }

        return Guid.TryParse(unitId.Trim(), out var id) && id != Guid.Empty
            ? id
            : throw ProblemException.Invalid("unitId", "Id unit tidak sah.");
    }

    /// <summary>A file format: <c>json</c> (default), <c>csv</c> or <c>xlsx</c>; 400 naming <c>format</c> otherwise.</summary>
    public static string Format(string? format) => (format ?? "json").Trim().ToLowerInvariant() switch
    {
        "" or "json" => "json",
        "csv" => "csv",
        "xlsx" => "xlsx",
        _ => throw ProblemException.Invalid("format", "Format harus json, csv atau xlsx."),
    };

    /// <summary>
    /// The units a caller sees: from their head positions (each one's unit and below) and their secretariat agency,
    /// or every unit (counts only) for an admin with neither; narrowed to <paramref name="unitId"/> and the units
    /// below it. 403 for anyone else, and for a unit outside the scope (naming <c>unitId</c>).
    /// </summary>
    public static ReportScope Narrow(IReadOnlyCollection<Guid> headUnits, IReadOnlyCollection<Guid> secretariatUnits, bool admin,
        IReadOnlyCollection<Guid> positions, Guid? unitId, IReadOnlyCollection<Guid>? unitAndBelow)
    {
        ReportScope scope;
        if (headUnits.Count > 0 || secretariatUnits.Count > 0)
        {
            scope = new ReportScope(headUnits.Union(secretariatUnits).ToHashSet(), true, positions);
        }
        else if (admin)
        {
            scope = new ReportScope(null, false, positions);
        }
        else
        {
            throw ProblemException.Forbidden(
                "Laporan hanya untuk kepala unit (unitnya dan unit di bawahnya), sekretariat (instansinya) dan admin (jumlah saja).");
        }

        if (unitId is not { } unit)
        {
            return scope;
        }

        if (unitAndBelow is null)
        {
            throw ProblemException.Invalid("unitId", "Unit tidak dikenal.");
        }

        if (scope.Units is { } mine && !mine.Contains(unit))
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, "forbidden", "Forbidden",
                "Unit itu di luar cakupan laporan Anda.", new Dictionary<string, string[]> { ["unitId"] = ["Di luar cakupan laporan Anda."] });
        }

        return scope with { Units = scope.Units is { } own ? unitAndBelow.Where(own.Contains).ToHashSet() : unitAndBelow.ToHashSet() };
    }
}

/// <summary>Reads a caller's report scope from this service's org-chart copy.</summary>
public sealed class ReportScopes(OrgChart org, Db db)
{
    /// <summary>The caller's scope, narrowed to <paramref name="unitId"/> (see <see cref="ReportRules.Narrow"/>).</summary>
    public async Task<ReportScope> ForAsync(Caller caller, Guid? unitId, CancellationToken ct)
    {
        var positions = (await org.PositionsOfAsync(caller.UserId, ct)).ToHashSet();
        var user = await org.UserAsync(caller.UserId, ct);
        Guid? ownUnit;
        bool secretariat;
        if (user is null)
        {
            // The copy does not know the user yet: the token (signed by Directory) says who they are.
            ownUnit = caller.UnitId;
            secretariat = caller.IsIn("secretariat");
            if (caller.PositionId is { } p)
            {
                positions.Add(p);
            }
        }
        else
        {
            ownUnit = user.PositionId is { } own ? (await org.PositionAsync(own, ct))?.UnitId : null;
            secretariat = user.Roles.Contains("secretariat") && caller.IsIn("secretariat");
        }

        var heads = await db.QueryAsync<Guid>(
            "select distinct unit_id from org_positions where id = any(@positions) and is_unit_head and active", new { positions = positions.ToArray() }, ct);
        var headUnits = heads.Count == 0 ? [] : await BelowAsync(heads, ct);
        var secretariatUnits = secretariat && ownUnit is { } u ? await org.AgencyUnitsAsync(u, ct) : [];
        var unitAndBelow = unitId is { } unit && await db.ExecuteScalarAsync<bool>("select exists (select 1 from org_units where id = @unit)", new { unit }, ct)
            ? await BelowAsync([unit], ct)
            : null;
        return ReportRules.Narrow(headUnits, secretariatUnits, caller.IsIn("admin"), positions, unitId, unitAndBelow);
    }

    /// <summary>Names of units, by id.</summary>
    public async Task<IReadOnlyDictionary<Guid, (string Code, string Name)>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct) =>
        (await db.QueryAsync<UnitName>("select id, code, name from org_units where id = any(@ids)", new { ids = ids.Distinct().ToArray() }, ct))
            .ToDictionary(u => u.Id, u => (u.Code, u.Name));

    private async Task<IReadOnlyList<Guid>> BelowAsync(IReadOnlyCollection<Guid> units, CancellationToken ct) =>
        await db.QueryAsync<Guid>(
            """
            with recursive down (id, depth) as (
                select id, 0 from org_units where id = any(@units)
                union all
                select u.id, down.depth + 1 from org_units u join down on u.parent_id = down.id where down.depth < 50
            )
            select distinct id from down
            """, new { units = units.ToArray() }, ct);

    private sealed class UnitName
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
    }
}
