using EOffice.Contracts;
using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Files;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Disposition.Dispositions;

/// <summary>Follow-up reports (tindak lanjut) of a disposition by its assignee, and the files reported with them.</summary>
public sealed class FollowUpStore(Db db, OrgChart org, TimeProvider clock)
{
    /// <summary>Reports follow-up (the assignee only); the disposition is then in progress.</summary>
    public async Task FollowUpAsync(Guid id, FollowUpRequest r, Caller caller, CancellationToken ct, IReadOnlyList<CheckedFile>? files = null)
    {
        new FieldErrors().Required("note", r.Note, 4000).Check(r.AttachmentRef is null || r.AttachmentRef.Length <= 500, "attachmentRef", "At most 500 characters.").ThrowIfAny();
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        await using var uow = await db.BeginAsync(ct);
        var d = await DispositionStore.AssignedAsync(uow, id, mine, "followed up");
        var fid = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            "insert into follow_ups (id, disposition_id, user_id, position_id, note, attachment_ref) values (@fid, @id, @userId, @position, @Note, @AttachmentRef)",
            new { fid, id, userId = caller.UserId, position = d.ToPositionId, r.Note, r.AttachmentRef });
        foreach (var f in files ?? [])
        {
            await uow.ExecuteAsync(
                """
                insert into follow_up_files (id, follow_up_id, disposition_id, file_name, content_type, size, sha256, content, uploaded_by)
                values (@fileId, @fid, @id, @FileName, @ContentType, @Size, @Sha256, @Content, @userId)
                """, new { fileId = Guid.CreateVersion7(), fid, id, f.FileName, f.ContentType, f.Size, f.Sha256, f.Content, userId = caller.UserId });
        }

        await DispositionStore.MarkReadAsync(uow, d, caller, inProgress: true);
        await uow.PublishAsync(new DispositionFollowedUp(id, d.LetterId, d.FromPositionId, d.ToPositionId, r.Note!, clock.GetUtcNow()));
        await uow.CommitAsync();
    }


    /// <summary>
    /// A follow-up file of a disposition the caller may see (the same rule as the disposition: the branches the caller is on),
    /// its content written to the stream <paramref name="start"/> returns once given the metadata; 404 otherwise.
    /// </summary>
    public async Task DownloadAsync(Guid id, Guid fileId, Caller caller, Func<FollowUpFileView, Stream> start, CancellationToken ct)
    {
        var mine = await org.PositionsOfAsync(caller.UserId, ct);
        var letter = await db.QueryAsync<DispositionRow>(
            DispositionRow.Select + " where letter_id = (select letter_id from dispositions where id = @id)", new { id }, ct);
        if (!DispositionRules.VisibleTo(letter, mine).Contains(id))
        {
            throw ProblemException.NotFound("disposition");
        }

        var meta = await db.QuerySingleOrDefaultAsync<FollowUpFileRow>(
            "select id, follow_up_id, file_name, content_type, size, sha256 from follow_up_files where id = @fileId and disposition_id = @id",
            new { fileId, id }, ct) ?? throw ProblemException.NotFound("file");
        var content = await db.ExecuteScalarAsync<byte[]>("select content from follow_up_files where id = @fileId", new { fileId }, ct)
            ?? throw ProblemException.NotFound("file");
        var body = start(new FollowUpFileView(meta.Id, meta.FileName, meta.ContentType, meta.Size, meta.Sha256));
        await body.WriteAsync(content, ct);
    }


    /// <summary>A row of <c>follow_up_files</c> without its content (the reads list them, the download checks them).</summary>
    internal sealed class FollowUpFileRow
    {
        public Guid Id { get; init; }
        public Guid FollowUpId { get; init; }
        public string FileName { get; init; } = "";
        public string ContentType { get; init; } = "";
        public long Size { get; init; }
        public string Sha256 { get; init; } = "";
    }

}
