using EOffice.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EOffice.ServiceDefaults.Http;

/// <summary>An entry of a reference list: named by a code that never changes.</summary>
public interface IReferenceItem
{
    /// <summary>The entry's code (its key in URLs and in the letters and dispositions that use it).</summary>
    string Code { get; }
}

/// <summary>
/// A reference list kept by admins and read by everyone signed in: the document types (jenis naskah) and the
/// disposition instructions (petunjuk disposisi). Each entry has a code, a name, whether it is offered for new
/// work (retired entries stay, so old letters keep theirs) and a place in the list. The store validates with
/// <see cref="FieldErrors"/>, answers 404 for an unknown code and audits every change.
/// </summary>
public interface IReferenceList<TItem, in TRequest> where TItem : IReferenceItem
{
    /// <summary>Every entry, offered or not, in the list's order.</summary>
    Task<IReadOnlyList<TItem>> ListAsync(CancellationToken ct);

    /// <summary>Adds an entry.</summary>
    Task<TItem> CreateAsync(TRequest request, Caller caller, CancellationToken ct);

    /// <summary>Changes an entry (its code stays).</summary>
    Task UpdateAsync(string code, TRequest request, Caller caller, CancellationToken ct);
}

/// <summary>The one way a reference list is served: <c>GET</c> for everyone signed in, <c>POST</c> and <c>PUT /{code}</c> for admins.</summary>
public static class ReferenceLists
{
    /// <summary>
    /// Maps <paramref name="path"/> for the list kept by <typeparamref name="TStore"/>; <paramref name="one"/> and
    /// <paramref name="many"/> name an entry and the list in the OpenAPI summaries.
    /// </summary>
    public static RouteGroupBuilder MapReferenceList<TStore, TItem, TRequest>(this IEndpointRouteBuilder app, string path, string tag, string one, string many)
        where TStore : IReferenceList<TItem, TRequest>
        where TItem : IReferenceItem
    {
        // Passed as Delegate: the route-handler analyzer (AD0001) throws on handlers with generic parameters.
        Delegate list = ReferenceListHandlers<TStore, TItem, TRequest>.ListAsync;
        Delegate create = ReferenceListHandlers<TStore, TItem, TRequest>.CreateAsync;
        Delegate update = ReferenceListHandlers<TStore, TItem, TRequest>.UpdateAsync;
        var group = app.MapGroup(path).WithTags(tag).WithProblems();
        group.MapGet("", list).WithSummary($"List the {many}");
        group.MapPost("", create).RequireAuthorization(Policies.Admin).WithSummary($"Add {one}");
        group.MapPut("/{code}", update).RequireAuthorization(Policies.Admin).WithSummary($"Change {one}");
        return group;
    }
}

/// <summary>The handlers of <see cref="ReferenceLists.MapReferenceList{TStore, TItem, TRequest}"/>.</summary>
internal static class ReferenceListHandlers<TStore, TItem, TRequest>
    where TStore : IReferenceList<TItem, TRequest>
    where TItem : IReferenceItem
{
    public static async Task<Ok<Page<TItem>>> ListAsync(TStore store, CancellationToken ct) =>
        TypedResults.Ok(new Page<TItem>(await store.ListAsync(ct), null));

    public static async Task<Created<TItem>> CreateAsync(TRequest r, HttpContext http, TStore store, CancellationToken ct)
    {
        var created = await store.CreateAsync(r, http.Caller(), ct);
        return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(created.Code)}", created);
    }

    public static async Task<NoContent> UpdateAsync(string code, TRequest r, HttpContext http, TStore store, CancellationToken ct)
    {
        await store.UpdateAsync(code, r, http.Caller(), ct);
        return TypedResults.NoContent();
    }
}
