using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Text;

namespace EOffice.Correspondence.Recall;

/// <summary>A recipient's read receipt, as the recall rule weighs it.</summary>
public sealed record RecipientRead(string? Title, DateTimeOffset? ReadAt);

/// <summary>
/// Recall (DOMAIN.md, "Recall") as plain checks: a sent letter can be withdrawn by its signer while no
/// internal recipient has read it; a letter already read needs a new letter, a ralat, that refers to it.
/// </summary>
public static class RecallRules
{
    /// <summary>The longest reason, in characters.</summary>
    public const int MaxReason = 1000;

    /// <summary>Checks the request body (400 naming <c>reason</c>).</summary>
    public static void Validate(RecallRequest r) => new FieldErrors().Required("reason", r.Reason, MaxReason).ThrowIfAny();

    /// <summary>
    /// Throws unless the letter may be recalled now: 403 for anyone but the signer; 409 when it is not a sent
    /// outgoing letter, was recalled already, or an internal recipient has read it (then a ralat is the way).
    /// </summary>
    public static void RequireRecallable(bool bySigner, string direction, string status, DateTimeOffset? recalledAt, IReadOnlyList<RecipientRead> internalRecipients)
    {
        if (!bySigner)
        {
            throw ProblemException.Forbidden("Hanya penanda tangan yang dapat menarik kembali naskah ini.");
        }

        if (recalledAt is { } at)
        {
            throw ProblemException.Conflict("already-recalled", $"Naskah ini sudah ditarik kembali pada {Indonesian.DateTime(at)}.");
        }

        if (direction != LetterDirection.Outgoing || status != LetterStatus.Sent)
        {
            throw ProblemException.Conflict("wrong-state", "Hanya naskah keluar yang sudah dikirim yang dapat ditarik kembali.");
        }

        if (internalRecipients.Where(r => r.ReadAt is not null).MinBy(r => r.ReadAt) is { } first)
        {
            throw ProblemException.Conflict("already-read",
                $"Naskah ini sudah dibaca oleh {first.Title ?? "penerima"} pada {Indonesian.DateTime(first.ReadAt!.Value)} dan tidak dapat lagi ditarik kembali. "
                + "Untuk membetulkannya, buat ralat: naskah baru yang membalas naskah ini (replyToLetterId) dan menjelaskan perbaikannya.");
        }
    }
}
