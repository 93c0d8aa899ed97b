using System.Data;
using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace EOffice.Correspondence.Attachments;

/// <summary>An attachment's bytes, streamed from the database to the caller without holding the file in memory.</summary>
public sealed class AttachmentContent(Db db, LetterStore letters)
{
    /// <summary>
    /// Streams an attachment of a letter the caller may see (404 otherwise; 410 once its records were destroyed).
    /// <paramref name="open"/> runs once the row is known to exist, with the attachment's facts: it sets the response's
    /// headers and gives the stream to copy the content into.
    /// </summary>
    public async Task DownloadAsync(Guid letterId, Guid attachmentId, Caller caller, Func<AttachmentRow, Stream> open, CancellationToken ct)
    {
        var (a, _) = await letters.VisibleAsync(letterId, caller, ct);
        if (a.Letter.PurgedAt is not null)
        {
            throw new ProblemException(StatusCodes.Status410Gone, "purged", "Gone", "The letter's files were destroyed with its records (an approved disposal).");
        }

        var meta = a.Attachments.FirstOrDefault(x => x.Id == attachmentId) ?? throw ProblemException.NotFound("attachment");
        await using var connection = await db.DataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("select content from attachments where id = @attachmentId and letter_id = @letterId", connection);
        command.Parameters.AddWithValue("attachmentId", attachmentId);
        command.Parameters.AddWithValue("letterId", letterId);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        if (!await reader.ReadAsync(ct))
        {
            throw ProblemException.NotFound("attachment");
        }

        var destination = open(meta);
        await using var stream = await reader.GetStreamAsync(0, ct);
        await stream.CopyToAsync(destination, ct);
    }
}
