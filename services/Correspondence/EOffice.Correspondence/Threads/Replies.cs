using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Threads;

/// <summary>
/// Replies (balasan): a new draft may answer a letter the caller can see (404 otherwise), sent or
/// received (an incoming letter the secretariat registered too: "balas surat masuk"). What the reply
/// leaves out comes from the original: subject "Balasan: …", addressee its sender, classification
/// code, security level and type.
/// </summary>
public static class Replies
{
    /// <summary>The prefix of a reply's default subject.</summary>
    public const string SubjectPrefix = "Balasan: ";

    /// <summary>The draft as it will be created: the original's defaults filled in where the request left them out (no I/O).</summary>
    public static DraftRequest WithDefaults(DraftRequest r, LetterRow original)
    {
        var subject = string.IsNullOrWhiteSpace(r.Subject) ? DefaultSubject(original.Subject) : r.Subject;
        var to = r.To is { Count: > 0 } ? r.To : Sender(original) is { } sender ? [sender] : r.To;
        return r with
        {
            Subject = subject,
            To = to,
            Type = r.Type ?? original.Type,
            ClassificationCode = r.ClassificationCode ?? original.ClassificationCode,
            Security = r.Security ?? original.Security,
        };
    }

    /// <summary>"Balasan: {subject}", once (a reply to a reply is not "Balasan: Balasan: …"), within the subject's 500 characters.</summary>
    public static string DefaultSubject(string originalSubject)
    {
        var subject = originalSubject.StartsWith(SubjectPrefix, StringComparison.OrdinalIgnoreCase) ? originalSubject : SubjectPrefix + originalSubject;
        return subject.Length <= 500 ? subject : subject[..500];
    }

    /// <summary>
    /// Who sent the original: the institution of an incoming letter (an external addressee), else the signer's
    /// position (the position the letter was signed for).
    /// </summary>
    public static RecipientInput? Sender(LetterRow original) =>
        original.Direction == "Incoming" && !string.IsNullOrWhiteSpace(original.SenderInstitution)
            ? new RecipientInput(null, null, new ExternalInput(original.SenderInstitution, null, null))
            : original.SignerPositionId is { } p ? new RecipientInput(p, null, null) : null;

    /// <summary>Loads the letter answered, which the caller must see (404) and which must have been sent or received (400).</summary>
    public static async Task<LetterRow> OriginalAsync(LetterStore letters, Guid originalId, Caller caller, CancellationToken ct)
    {
        var (original, _) = await letters.VisibleAsync(originalId, caller, ct);
        new FieldErrors().Check(original.Letter.Status is LetterStatus.Sent or LetterStatus.Received, "replyToLetterId",
            "Only a sent or received letter can be answered.").ThrowIfAny();
        return original.Letter;
    }

    /// <summary>Records the link from the reply to the letter it answers, in the creating transaction.</summary>
    public static Task LinkAsync(UnitOfWork uow, Guid replyId, Guid originalId) =>
        uow.ExecuteAsync("update letters set reply_to_letter_id = @originalId where id = @replyId", new { replyId, originalId });
}
