using System.Text.RegularExpressions;
using EOffice.Contracts;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Letters;

/// <summary>The rules of letters as plain checks (no I/O).</summary>
public static partial class LetterRules
{
    /// <summary>Largest body, in characters.</summary>
    public const int MaxBody = 200_000;

    /// <summary>Checks a draft's content against the known document types.</summary>
    public static void Validate(DraftRequest r, IReadOnlySet<string> letterTypes)
    {
        var errors = new FieldErrors();
        errors.Check(r.Type is not null && letterTypes.Contains(r.Type), "type", $"One of: {string.Join(", ", letterTypes.Order())}.");
        ValidateCommon(errors, r.Subject, r.Summary, r.ClassificationCode, r.Security, r.Urgency, r.To, r.Cc);
        errors.Check(r.Body is null || r.Body.Length <= MaxBody, "body", $"At most {MaxBody} characters.");
        errors.Required("signerPositionId", r.SignerPositionId);
        var reviewers = r.Reviewers ?? [];
        errors.Check(reviewers.Count <= 10, "reviewers", "At most 10 reviewers.");
        errors.Check(reviewers.Distinct().Count() == reviewers.Count, "reviewers", "A reviewer appears twice.");
        errors.Check(reviewers.All(p => p != Guid.Empty), "reviewers", "Position ids are required.");
        errors.Check(r.SignerPositionId is null || !reviewers.Contains(r.SignerPositionId.Value), "reviewers", "The signer signs; they are not also a reviewer.");
        EventRules.Check(errors, r.Type, r.Event);
        errors.ThrowIfAny();
    }

    /// <summary>How far ahead of our clock a <c>receivedAt</c> may be (the registering PC's clock may run fast).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The earliest date a letter is taken to be real (anything before is a client's default, e.g. 0001-01-01).</summary>
    public static readonly DateOnly EarliestDate = new(1945, 8, 17);

    /// <summary>Checks an incoming letter's registration at <paramref name="now"/>.</summary>
    public static void Validate(IncomingRequest r, IReadOnlySet<string> letterTypes, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.Check(r.Type is null || letterTypes.Contains(r.Type), "type", $"One of: {string.Join(", ", letterTypes.Order())}.");
        errors.Required("senderInstitution", r.SenderInstitution, 300);
        errors.Check(r.SenderNumber is null || r.SenderNumber.Length <= 100, "senderNumber", "At most 100 characters.");
        CheckReceipt(errors, r.SenderDate, r.ReceivedAt, now);
        ValidateCommon(errors, r.Subject, r.Summary, r.ClassificationCode, r.Security, r.Urgency, r.To, r.Cc);
        errors.Check(r.To is null || r.To.All(t => t.External is null), "to", "An incoming letter is addressed to positions or units of this government.");
        errors.ThrowIfAny();
    }

    /// <summary>
    /// <c>receivedAt</c> lies between the letter's date and now (DOMAIN.md): not a default date, not in the
    /// future beyond <see cref="ClockSkew"/>, and not on a WIB day before <c>senderDate</c>.
    /// </summary>
    private static void CheckReceipt(FieldErrors errors, DateOnly? senderDate, DateTimeOffset? receivedAt, DateTimeOffset now)
    {
        var today = WibDate(now);
        errors.Check(senderDate is null || senderDate >= EarliestDate, "senderDate", "Not a real date.");
        errors.Check(senderDate is null || senderDate <= today, "senderDate", "Cannot be in the future.");
        if (receivedAt is not { } at)
        {
            return;
        }

        if (at > now + ClockSkew)
        {
            errors.Add("receivedAt", "Cannot be in the future.");
            return;
        }

        if (WibDate(at) < EarliestDate)
        {
            errors.Add("receivedAt", "Not a real date.");
            return;
        }

        errors.Check(senderDate is not { } sent || WibDate(at) >= sent, "receivedAt", "Cannot be before the letter's date (senderDate).");
    }

    /// <summary>The calendar day in WIB (UTC+7) of an instant.</summary>
    public static DateOnly WibDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToUniversalTime().AddHours(7).DateTime);

    private static void ValidateCommon(FieldErrors errors, string? subject, string? summary, string? classification, string? security,
        string? urgency, IReadOnlyList<RecipientInput>? to, IReadOnlyList<RecipientInput>? cc)
    {
        errors.Required("subject", subject, 500);
        errors.Check(summary is null || summary.Length <= 2000, "summary", "At most 2000 characters.");
        errors.Check(classification is not null && ClassificationFormat().IsMatch(classification), "classificationCode",
            "A classification code such as 000, 000.1 or 800.1.11.");
        errors.Check(security is not null && SecurityLevels.All.Contains(security), "security", $"One of: {string.Join(", ", SecurityLevels.All)}.");
        errors.Check(urgency is not null && UrgencyLevels.All.Contains(urgency), "urgency", $"One of: {string.Join(", ", UrgencyLevels.All)}.");
        errors.Check(to is { Count: > 0 }, "to", "At least one addressee.");
        CheckRecipients(errors, "to", to ?? []);
        CheckRecipients(errors, "cc", cc ?? []);
        errors.Check((to?.Count ?? 0) + (cc?.Count ?? 0) <= 200, "to", "At most 200 recipients.");
    }

    private static void CheckRecipients(FieldErrors errors, string field, IReadOnlyList<RecipientInput> recipients)
    {
        for (var i = 0; i < recipients.Count; i++)
        {
            var r = recipients[i];
            var kinds = (r.PositionId is not null ? 1 : 0) + (r.UnitId is not null ? 1 : 0) + (r.External is not null ? 1 : 0);
            errors.Check(kinds == 1, $"{field}[{i}]", "Exactly one of positionId, unitId or external.");
            if (r.External is { } e)
            {
                errors.Required($"{field}[{i}].external.name", e.Name, 300);
                errors.Check(e.Address is null || e.Address.Length <= 500, $"{field}[{i}].external.address", "At most 500 characters.");
                errors.Check(e.Email is null || (e.Email.Length <= 254 && e.Email.Contains('@', StringComparison.Ordinal)), $"{field}[{i}].external.email", "A valid email address.");
            }
        }
    }

    /// <summary>An ETag for a version.</summary>
    public static string ETag(int version) => $"\"{version}\"";

    /// <summary>Reads <c>If-Match</c>: 428 when missing, 412 when it is not the current version.</summary>
    public static void RequireCurrent(string? ifMatch, int currentVersion)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw new ProblemException(428, "precondition-required", "If-Match required",
                "Send the letter's ETag in If-Match so concurrent edits are not lost.");
        }

        if (ifMatch.Trim() != "*" && ifMatch.Trim() != ETag(currentVersion))
        {
            throw new ProblemException(412, "stale", "Precondition failed",
                "The letter was changed by someone else since you loaded it. Reload it and apply your edit again.");
        }
    }

    [GeneratedRegex(@"^\d{3}(\.\d{1,4}){0,5}$")]
    private static partial Regex ClassificationFormat();
}
