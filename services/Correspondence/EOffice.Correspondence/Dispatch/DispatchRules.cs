using EOffice.Contracts;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Dispatch;

/// <summary>How an external addressee gets a letter.</summary>
public static class DispatchMethods
{
    public const string Email = "email";
    public const string Paper = "paper";
}

/// <summary>The states of a dispatch: an e-mail is queued, sent or failed; paper is pending or dispatched.</summary>
public static class DispatchStates
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Pending = "pending";
    public const string Dispatched = "dispatched";
}

/// <summary>Timeline actions of dispatches.</summary>
public static class DispatchActions
{
    /// <summary>At sending: how the addressee will get it.</summary>
    public const string Queued = "dispatch-queued";

    /// <summary>An e-mail attempt failed (retried later, or given up).</summary>
    public const string Failed = "dispatch-failed";
}

/// <summary>A paper dispatch marked done.</summary>
public sealed record DispatchedRequest(string? Courier, string? TrackingNumber, string? Note);

/// <summary>The rules of dispatching to external addressees, as plain checks (no I/O).</summary>
public static class DispatchRules
{
    /// <summary>The list filters: <c>pending</c> and <c>dispatched</c> (paper), <c>emailed</c> and <c>failed</c> (e-mail).</summary>
    public static readonly IReadOnlyList<string> ListStates = ["pending", "dispatched", "emailed", "failed"];

    /// <summary>
    /// E-mail when the addressee has an address, e-mail is enabled, and the letter is not secret: a Rahasia
    /// or Sangat Rahasia letter may be read only by its addressees (DOMAIN.md), and plain e-mail is neither
    /// confidential nor sure to reach only them, so it goes on paper, like addressees without an address.
    /// </summary>
    public static string Method(string? email, string security, bool emailEnabled) =>
        emailEnabled && !string.IsNullOrWhiteSpace(email) && !SecurityLevels.IsSecret(security) ? DispatchMethods.Email : DispatchMethods.Paper;

    /// <summary>The stored state a list filter means; 400 on <c>state</c> for anything else.</summary>
    public static string StoredState(string? state) => state switch
    {
        null or "" or "pending" => DispatchStates.Pending,
        "dispatched" => DispatchStates.Dispatched,
        "emailed" => DispatchStates.Sent,
        "failed" => DispatchStates.Failed,
        _ => throw ProblemException.Invalid("state", $"One of: {string.Join(", ", ListStates)}."),
    };

    /// <summary>Checks a paper dispatch's details.</summary>
    public static void Validate(DispatchedRequest r)
    {
        var errors = new FieldErrors();
        errors.Check(r.Courier is null || r.Courier.Length <= 200, "courier", "At most 200 characters.");
        errors.Check(r.TrackingNumber is null || r.TrackingNumber.Length <= 100, "trackingNumber", "At most 100 characters.");
        errors.Check(r.Note is null || r.Note.Length <= 1000, "note", "At most 1000 characters.");
        errors.ThrowIfAny();
    }

    /// <summary>Whether a dispatch in <paramref name="state"/> may be marked dispatched on paper (a failed e-mail too).</summary>
    public static bool MayMarkDispatched(string state) => state is DispatchStates.Pending or DispatchStates.Failed;

    /// <summary>The file name of the attached letter: <c>Surat Dinas 000.1.2-7-DISKOMINFO-2026.pdf</c>.</summary>
    public static string FileName(string type, string? number) =>
        $"{type} {(number ?? "").Replace('/', '-').Replace('\\', '-')}".Trim() + ".pdf";
}
