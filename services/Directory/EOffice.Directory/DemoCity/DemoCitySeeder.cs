using EOffice.Directory.Auth;
using EOffice.Directory.Org;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Directory.DemoCity;

/// <summary>
/// Seeds <see cref="DemoCityData"/> when the org chart is empty and <c>Directory:SeedDemoData</c> is
/// true (the default). Runs once under an advisory lock, so replicas starting together seed once.
/// Every row is published as <c>eoffice.org-changed</c>, like any other change.
/// </summary>
public sealed partial class DemoCitySeeder(Db db, OrgEvents org, IConfiguration configuration, TimeProvider clock, ILogger<DemoCitySeeder> logger)
    : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Directory:SeedDemoData", true))
        {
            return;
        }

        await using var uow = await db.BeginAsync(cancellationToken);
        await uow.ExecuteAsync("select pg_advisory_xact_lock(hashtext('eoffice.directory.seed'))");
        if (await uow.ExecuteScalarAsync<bool>("select exists (select 1 from units)"))
        {
            return;
        }

        var units = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var u in DemoCityData.Units)
        {
            var id = units[u.Code] = Guid.CreateVersion7();
            await uow.ExecuteAsync(
                "insert into units (id, code, name, parent_id) values (@id, @Code, @Name, @parent)",
                new { id, u.Code, u.Name, parent = u.Parent is null ? (Guid?)null : units[u.Parent] });
        }

        foreach (var (code, lines, address, phone, email, website) in DemoCityData.Letterheads)
        {
            await uow.ExecuteAsync(
                "insert into letterheads (unit_id, lines, address, phone, email, website) values (@id, @lines, @address, @phone, @email, @website)",
                new { id = units[code], lines, address, phone, email, website });
        }

        var positions = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var users = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in DemoCityData.Positions)
        {
            var id = positions[p.Key] = Guid.CreateVersion7();
            await uow.ExecuteAsync(
                "insert into positions (id, title, unit_id, superior_id, is_unit_head) values (@id, @Title, @unit, @superior, @Head)",
                new { id, p.Title, unit = units[p.Unit], superior = p.Superior is null ? (Guid?)null : positions[p.Superior], p.Head });
            if (p.Holder is { } h)
            {
                var userId = users[h.Email] = Guid.CreateVersion7();
                await uow.ExecuteAsync(
                    """
                    insert into users (id, nip, name, email, password_hash, roles, position_id, nik)
                    values (@userId, @Nip, @Name, @Email, @hash, @Roles, @id, @nik)
                    """, new { userId, h.Nip, h.Name, h.Email, hash = Passwords.Hash(DemoCityData.Password), h.Roles, id, nik = DemoCityData.DemoNik(h.Nip, users.Count) });
            }
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var a in DemoCityData.ActingAssignments)
        {
            await uow.ExecuteAsync(
                """
                insert into acting_assignments (id, position_id, user_id, kind, from_date, to_date)
                values (@id, @position, @user, @Kind, @from, @to)
                """,
                new { id = Guid.CreateVersion7(), position = positions[a.Position], user = users[a.Email], a.Kind, from = today.AddDays(a.FromDays), to = today.AddDays(a.ToDays) });
        }

        foreach (var id in units.Values)
        {
            await org.PublishUnitAsync(uow, id);
        }

        foreach (var id in positions.Values)
        {
            await org.PublishPositionAsync(uow, id);
        }

        foreach (var id in users.Values)
        {
            await org.PublishUserAsync(uow, id);
        }

        await uow.AuditAsync(null, "demo-city-seeded", "org", null, new { units = units.Count, positions = positions.Count, users = users.Count });
        await uow.CommitAsync();
        LogSeeded(logger, units.Count, positions.Count, users.Count);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo city: {Units} units, {Positions} positions, {Users} users")]
    private static partial void LogSeeded(ILogger logger, int units, int positions, int users);
}
