using System.Data;
using EOffice.ServiceDefaults.Data;
using Npgsql;

namespace EOffice.Correspondence.Attachments;

/// <summary>An attachment's bytes, streamed from the database to the caller without holding the file in memory.</summary>
public static class AttachmentContent
{
    /// <summary>
    /// Copies the content to <paramref name="destination"/>; <paramref name="found"/> runs once the row is known to
    /// exist (to set the response's headers first). False when there is no such attachment.
    /// </summary>
    public static async Task<bool> CopyAsync(Db db, Guid letterId, Guid attachmentId, Action found, Stream destination, CancellationToken ct)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("select content from attachments where id = @attachmentId and letter_id = @letterId", connection);
        command.Parameters.AddWithValue("attachmentId", attachmentId);
        command.Parameters.AddWithValue("letterId", letterId);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        if (!await reader.ReadAsync(ct))
        {
            return false;
        }

        found();
        await using var stream = await reader.GetStreamAsync(0, ct);
        await stream.CopyToAsync(destination, ct);
        return true;
    }
}
