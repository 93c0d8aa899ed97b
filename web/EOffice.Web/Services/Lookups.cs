namespace EOffice.Web.Services;

/// <summary>Reference lists loaded once per tab: document types, classifications, units.</summary>
public sealed class Lookups(Api api)
{
    private IReadOnlyList<LetterType>? _types;
    private IReadOnlyList<ClassificationItem>? _classifications;
    private IReadOnlyList<OrgUnit>? _units;

    /// <summary>Active document types.</summary>
    public async Task<IReadOnlyList<LetterType>> LetterTypesAsync() =>
        _types ??= [.. (await api.GetAsync<Page<LetterType>>("/api/letter-types")).Items.Where(t => t.Active)];

    /// <summary>The classification scheme, flattened in code order.</summary>
    public async Task<IReadOnlyList<ClassificationItem>> ClassificationsAsync()
    {
        if (_classifications is null)
        {
            var list = new List<ClassificationItem>();
            void Walk(IEnumerable<ClassificationNode> nodes)
            {
                foreach (var n in nodes)
                {
                    list.Add(new ClassificationItem(n.Code, n.Title));
                    Walk(n.Children ?? []);
                }
            }

            Walk(await api.GetAsync<List<ClassificationNode>>("/api/classifications"));
            _classifications = list;
        }

        return _classifications;
    }

    /// <summary>Org units, flattened, with their depth.</summary>
    public async Task<IReadOnlyList<(OrgUnit Unit, int Depth)>> UnitsAsync()
    {
        _units ??= await api.GetAsync<List<OrgUnit>>("/api/org/units");
        var list = new List<(OrgUnit, int)>();
        void Walk(IEnumerable<OrgUnit> nodes, int depth)
        {
            foreach (var u in nodes)
            {
                list.Add((u, depth));
                Walk(u.Children ?? [], depth + 1);
            }
        }

        Walk(_units, 0);
        return list;
    }

    /// <summary>Positions matching a search (title, holder name or NIP).</summary>
    public async Task<IReadOnlyList<OrgPosition>> PositionsAsync(string? q, CancellationToken ct = default) =>
        (await api.GetAsync<Page<OrgPosition>>($"/api/org/positions?limit=20&q={Api.Q(q)}", ct)).Items;
}
