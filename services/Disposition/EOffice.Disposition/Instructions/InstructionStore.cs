using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Disposition.Instructions;

/// <summary>An instruction (petunjuk disposisi).</summary>
public sealed record InstructionView(string Code, string Text, bool Active, int SortOrder) : IReferenceItem;

/// <summary>Create or change an instruction.</summary>
public sealed record InstructionRequest(string? Code, string? Text, bool? Active, int? SortOrder);

/// <summary>The disposition instructions (petunjuk disposisi) a disposition picks from: a reference list kept by admins.</summary>
public sealed class InstructionStore(Db db) : IReferenceList<InstructionView, InstructionRequest>
{
    /// <summary>Every instruction, in the order the list shows them.</summary>
    public Task<IReadOnlyList<InstructionView>> ListAsync(CancellationToken ct) =>
        db.QueryAsync<InstructionView>(
            "select code as Code, text as Text, active as Active, sort_order as SortOrder from instructions order by sort_order, code", ct: ct);

    /// <summary>Adds an instruction.</summary>
    public async Task<InstructionView> CreateAsync(InstructionRequest r, Caller caller, CancellationToken ct)
    {
        new FieldErrors().Required("code", r.Code, 100).Required("text", r.Text, 300).ThrowIfAny();
        await using var uow = await db.BeginAsync(ct);
        await uow.ExecuteAsync("insert into instructions (code, text, active, sort_order) values (@Code, @Text, coalesce(@Active, true), coalesce(@SortOrder, 100))", r);
        await uow.AuditAsync(caller.UserId, "instruction-created", "instruction", null, r);
        await uow.CommitAsync();
        return new InstructionView(r.Code!, r.Text!, r.Active ?? true, r.SortOrder ?? 100);
    }

    /// <summary>Changes an instruction's text, order or whether it is offered (its code stays).</summary>
    public async Task UpdateAsync(string code, InstructionRequest r, Caller caller, CancellationToken ct)
    {
        new FieldErrors().Required("text", r.Text, 300).ThrowIfAny();
        await using var uow = await db.BeginAsync(ct);
        if (await uow.ExecuteAsync("update instructions set text = @Text, active = coalesce(@Active, active), sort_order = coalesce(@SortOrder, sort_order) where code = @code",
            new { code, r.Text, r.Active, r.SortOrder }) == 0)
        {
            throw ProblemException.NotFound("instruction");
        }

        await uow.AuditAsync(caller.UserId, "instruction-updated", "instruction", null, new { code, r.Text, r.Active });
        await uow.CommitAsync();
    }
}
