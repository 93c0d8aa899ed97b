using EOffice.Correspondence.Letters;
using EOffice.Correspondence.Timeline;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Files;

namespace EOffice.Correspondence.Attachments;

/// <summary>Adding an attachment (lampiran) to a draft, or to an incoming letter the secretariat registered.</summary>
public sealed class AttachmentUploads(Db db, LetterStore letters, TimeProvider clock)
{
    /// <summary>Stores a checked file on the letter (only its drafter or registrar, only while a draft or just received).</summary>
    public async Task<AttachmentView> AddAsync(Guid id, CheckedFile file, Caller caller, CancellationToken ct)
    {
        var (fileName, type, sha256) = (file.FileName, file.ContentType, file.Sha256);
        await using var uow = await db.BeginAsync(ct);
        var (a, viewer) = await letters.VisibleAsync(id, caller, ct, uow);
        Drafts.RequireDrafter(a.Letter, caller, viewer);
        _ = LetterLifecycle.Next(a.Letter.Status, LetterAction.Attach);
        var attachmentId = Guid.CreateVersion7();
        var uploadedAt = clock.GetUtcNow();
        await uow.ExecuteAsync(
            """
            insert into attachments (id, letter_id, file_name, content_type, size, sha256, content, uploaded_by, uploaded_at)
            values (@attachmentId, @id, @fileName, @type, @size, @sha256, @bytes, @userId, @uploadedAt)
            """,
            new { attachmentId, id, fileName, type, size = file.Size, sha256, bytes = file.Content, userId = caller.UserId, uploadedAt });
        await uow.ExecuteAsync("update letters set version = version + 1, updated_at = now() where id = @id", new { id });
        await LetterTimeline.AppendAsync(uow, id, caller, viewer.Position, TimelineActions.AttachmentAdded, new { fileName, size = file.Size });
        await uow.CommitAsync();
        return new AttachmentView(attachmentId, fileName, type, file.Size, sha256, uploadedAt);
    }
}
