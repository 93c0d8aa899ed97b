using EOffice.Correspondence.Numbering;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Correspondence.LetterTypes;

/// <summary>A document type; <c>numberingScope</c> is its register this year (<c>unit</c> or <c>agency</c>), <c>nextNumberingScope</c> a change from a later year.</summary>
public sealed record LetterTypeView(string Code, string Name, bool Active, int SortOrder, string NumberingScope = NumberingScopes.Unit,
    ScopeChange? NextNumberingScope = null) : IReferenceItem;

/// <summary>Create or change a document type (<c>numberingScope</c>: <c>unit</c> or <c>agency</c>; a change applies from next year).</summary>
public sealed record LetterTypeRequest(string? Code, string? Name, bool? Active, int? SortOrder, string? NumberingScope = null);

/// <summary>The document types (jenis naskah), a reference list, and the register each is numbered in.</summary>
public sealed class LetterTypeStore(Db db, CityClock city) : IReferenceList<LetterTypeView, LetterTypeRequest>
{
    /// <summary>Every type, in display order, with its numbering scope this year.</summary>
    public async Task<IReadOnlyList<LetterTypeView>> ListAsync(CancellationToken ct)
    {
        var scopes = await TypeRegisters.AllAsync(db, city.Today.Year, ct);
        var rows = await db.QueryAsync<(string Code, string Name, bool Active, int SortOrder)>(
            "select code, name, active, sort_order from letter_types order by sort_order, code", ct: ct);
        return rows.Select(t => scopes.TryGetValue(t.Code, out var n)
            ? new LetterTypeView(t.Code, t.Name, t.Active, t.SortOrder, n.Scope, n.Next)
            : new LetterTypeView(t.Code, t.Name, t.Active, t.SortOrder)).ToList();
    }

    /// <summary>The codes of every type, active or not (filters accept letters of retired types too).</summary>
    public async Task<IReadOnlySet<string>> CodesAsync(CancellationToken ct) =>
        (await db.QueryAsync<string>("select code from letter_types", ct: ct)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The codes of the types offered for new letters and delegations (inside <paramref name="uow"/> when given).</summary>
    public async Task<IReadOnlySet<string>> ActiveCodesAsync(CancellationToken ct, UnitOfWork? uow = null) =>
        (uow is null
            ? await db.QueryAsync<string>(ActiveSql, ct: ct)
            : await uow.QueryAsync<string>(ActiveSql)).ToHashSet(StringComparer.Ordinal);

    private const string ActiveSql = "select code from letter_types where active";

    /// <summary>Adds a type (400 naming the field for bad input).</summary>
    public async Task<LetterTypeView> CreateAsync(LetterTypeRequest r, Caller caller, CancellationToken ct)
    {
        new FieldErrors().Required("code", r.Code, 100).Required("name", r.Name, 200).Check(r.NumberingScope is null || NumberingScopes.All.Contains(r.NumberingScope),
            "numberingScope", "Use unit or agency.").ThrowIfAny();
        await using var uow = await db.BeginAsync(ct);
        await uow.ExecuteAsync("insert into letter_types (code, name, active, sort_order) values (@Code, @Name, coalesce(@Active, true), coalesce(@SortOrder, 100))", r);
        var numbering = r.NumberingScope is { } scope
            ? await TypeRegisters.SetAsync(uow, r.Code!, scope, newType: true, city.Today.Year, caller.UserId)
            : new TypeNumbering(NumberingScopes.Unit, null);
        await uow.AuditAsync(caller.UserId, "letter-type-created", "letter-type", null, r);
        await uow.CommitAsync();
        return new LetterTypeView(r.Code!, r.Name!, r.Active ?? true, r.SortOrder ?? 100, numbering.Scope, numbering.Next);
    }

    /// <summary>Changes a type (404 when unknown); a new numbering scope applies from next year.</summary>
    public async Task UpdateAsync(string code, LetterTypeRequest r, Caller caller, CancellationToken ct)
    {
        new FieldErrors().Required("name", r.Name, 200).Check(r.NumberingScope is null || NumberingScopes.All.Contains(r.NumberingScope),
            "numberingScope", "Use unit or agency.").ThrowIfAny();
        await using var uow = await db.BeginAsync(ct);
        var changed = await uow.ExecuteAsync(
            "update letter_types set name = @Name, active = coalesce(@Active, active), sort_order = coalesce(@SortOrder, sort_order) where code = @code",
            new { code, r.Name, r.Active, r.SortOrder });
        if (changed == 0)
        {
            throw ProblemException.NotFound("document type");
        }

        if (r.NumberingScope is { } scope)
        {
            // Never mid-year: this year's register keeps counting; the new scope starts with next year's.
            await TypeRegisters.SetAsync(uow, code, scope, newType: false, city.Today.Year, caller.UserId);
        }

        await uow.AuditAsync(caller.UserId, "letter-type-updated", "letter-type", null, new { code, r.Name, r.Active, r.NumberingScope });
        await uow.CommitAsync();
    }
}
