using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Directory.Org;

/// <summary>Units (unit kerja) of the org chart: the tree, and its changes by admins.</summary>
public sealed class UnitStore(Db db, OrgEvents events)
{
    /// <summary>Every unit as a forest, ordered by code.</summary>
    public async Task<IReadOnlyList<UnitNode>> UnitTreeAsync(CancellationToken ct)
    {
        var units = await db.QueryAsync<UnitRow>("select id, code, name, parent_id, active from units order by code", ct: ct);
        var nodes = units.ToDictionary(u => u.Id, u => new UnitNode(u.Id, u.Code, u.Name, u.ParentId, u.Active, []));
        var roots = new List<UnitNode>();
        foreach (var u in units)
        {
            if (u.ParentId is { } p && nodes.TryGetValue(p, out var parent))
            {
                parent.Children.Add(nodes[u.Id]);
            }
            else
            {
                roots.Add(nodes[u.Id]);
            }
        }

        return roots;
    }

    /// <summary>Creates a unit.</summary>
    public async Task<Guid> CreateUnitAsync(UnitRequest r, Guid actor, CancellationToken ct)
    {
        OrgRules.Validate(r);
        await using var uow = await db.BeginAsync(ct);
        await RequireUnitAsync(uow, r.ParentId, "parentId");
        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            "insert into units (id, code, name, parent_id, active) values (@id, @Code, @Name, @ParentId, coalesce(@Active, true))",
            new { id, r.Code, Name = r.Name!.Trim(), r.ParentId, r.Active });
        await events.PublishUnitAsync(uow, id);
        await uow.AuditAsync(actor, "unit-created", "unit", id, r);
        await uow.CommitAsync();
        return id;
    }

    /// <summary>Changes a unit (a parent that would make a cycle is refused).</summary>
    public async Task UpdateUnitAsync(Guid id, UnitRequest r, Guid actor, CancellationToken ct)
    {
        OrgRules.Validate(r);
        await using var uow = await db.BeginAsync(ct);
        await uow.ExecuteAsync("lock table units in share row exclusive mode");
        var parents = (await uow.QueryAsync<UnitRow>("select id, parent_id from units")).ToDictionary(u => u.Id, u => u.ParentId);
        if (!parents.ContainsKey(id))
        {
            throw ProblemException.NotFound("unit");
        }

        await RequireUnitAsync(uow, r.ParentId, "parentId");
        if (OrgRules.WouldCycle(id, r.ParentId, parents))
        {
            throw ProblemException.Invalid("parentId", "A unit cannot be placed under itself or one of its own sub-units.");
        }

        await uow.ExecuteAsync(
            "update units set code = @Code, name = @Name, parent_id = @ParentId, active = coalesce(@Active, active), updated_at = now() where id = @id",
            new { id, r.Code, Name = r.Name!.Trim(), r.ParentId, r.Active });
        await events.PublishUnitAsync(uow, id);
        await uow.AuditAsync(actor, "unit-updated", "unit", id, r);
        await uow.CommitAsync();
    }

    /// <summary>Refuses (400 on <paramref name="field"/>) a unit id that names no unit; null passes.</summary>
    internal static async Task RequireUnitAsync(UnitOfWork uow, Guid? id, string field)
    {
        if (id is { } unitId && !await uow.ExecuteScalarAsync<bool>("select exists (select 1 from units where id = @unitId)", new { unitId }))
        {
            throw ProblemException.Invalid(field, "No such unit.");
        }
    }

    private sealed class UnitRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public Guid? ParentId { get; init; }
        public bool Active { get; init; }
    }
}
