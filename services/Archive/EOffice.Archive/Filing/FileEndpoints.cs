using EOffice.Archive.Records;
using EOffice.Archive.Search;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Archive.Filing;

/// <summary>A file (berkas).</summary>
public sealed record FileRequest(string? ClassificationCode, string? Description, DateOnly? PeriodFrom, DateOnly? PeriodTo, Guid? UnitId);

/// <summary>Records to file.</summary>
public sealed record FileRecordsRequest(IReadOnlyList<Guid>? RecordIds);

/// <summary>A file as lists show it (the count is of the records the caller may see).</summary>
public record FileView
{
    public Guid Id { get; init; }
    public Guid UnitId { get; init; }
    public string ClassificationCode { get; init; } = "";
    public string Description { get; init; } = "";
    public DateOnly? PeriodFrom { get; init; }
    public DateOnly? PeriodTo { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int RecordCount { get; init; }
}

/// <summary>A file with the records in it that the caller may see, oldest first.</summary>
public sealed record FileDetail : FileView
{
    public IReadOnlyList<RecordView> Records { get; init; } = [];
}

/// <summary>A file just created: its id and unit, and what was asked for.</summary>
public sealed record FileCreated(Guid Id, Guid UnitId, string? ClassificationCode, string? Description, DateOnly? PeriodFrom, DateOnly? PeriodTo);

/// <summary>How many records were filed into a file.</summary>
public sealed record RecordsFiled(Guid FileId, int Filed);

/// <summary><c>/api/files</c>: files (berkas) and filing records into them (<see cref="FileStore"/> says who may).</summary>
public static class FileEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapFileEndpoints(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/api/files").WithTags("Files").WithProblems();
        files.MapGet("", async (Guid? unitId, string? classification, int? limit, string? after, HttpContext http, FileStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListAsync(unitId, classification, limit, after, http.Caller(), ct)))
            .WithSummary("List files (berkas)");
        files.MapGet("/{id:guid}", async (Guid id, HttpContext http, FileStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.GetAsync(id, http.Caller(), ct)))
            .WithSummary("Get a file with the records the caller may see");
        files.MapPost("", async (FileRequest r, HttpContext http, FileStore store, CancellationToken ct) =>
        {
            var (id, unit) = await store.CreateAsync(r, http.Caller(), ct);
            return TypedResults.Created($"/api/files/{id}", new FileCreated(id, unit, r.ClassificationCode, r.Description, r.PeriodFrom, r.PeriodTo));
        }).WithSummary("Create a file");
        files.MapPost("/{id:guid}/records", async (Guid id, FileRecordsRequest r, HttpContext http, FileStore store, CancellationToken ct) =>
            TypedResults.Ok(new RecordsFiled(id, await store.FileRecordsAsync(id, r, http.Caller(), ct))))
            .WithSummary("File records into a file");
    }
}
