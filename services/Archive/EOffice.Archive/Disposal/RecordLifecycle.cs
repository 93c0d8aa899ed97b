using EOffice.Archive.Classification;
using EOffice.Contracts;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Archive.Disposal;

/// <summary>What moves a record on: the retention clock (the lifecycle job) or an approved disposal proposal.</summary>
public enum RecordAction
{
    /// <summary>Its active retention ran out: it goes to the records centre (inaktif).</summary>
    Retire,

    /// <summary>Its inactive retention ran out: an archivist must propose its disposal (jatuh tempo penyusutan).</summary>
    FallDue,

    /// <summary>An approved proposal destroys its content (musnah); metadata and minutes stay.</summary>
    Destroy,

    /// <summary>An approved proposal transfers it to the city archive (statis/permanen).</summary>
    Transfer,
}

/// <summary>The states of a disposal proposal (usul musnah / serah).</summary>
public static class ProposalStatus
{
    /// <summary>Proposed by one archivist, waiting for another's approval.</summary>
    public const string Proposed = "Proposed";

    /// <summary>Approved: its records are destroyed or transferred and its minutes written.</summary>
    public const string Approved = "Approved";

    /// <summary>Every status, for filters.</summary>
    public static readonly IReadOnlyList<string> All = [Proposed, Approved];
}

/// <summary>
/// A record's life as data (UU 43/2009, PP 28/2012: aktif → inaktif → jatuh tempo → musnah or permanen): which action
/// is allowed in which state and the state it leads to. The lifecycle job and the disposal flow write what
/// <see cref="Next"/> answers; nothing else decides a record's state.
/// </summary>
public static class RecordLifecycle
{
    private static readonly Dictionary<(string From, RecordAction Action), string> Transitions = new()
    {
        [(RecordStates.Active, RecordAction.Retire)] = RecordStates.Inactive,
        [(RecordStates.Active, RecordAction.FallDue)] = RecordStates.DueForDisposal,
        [(RecordStates.Inactive, RecordAction.FallDue)] = RecordStates.DueForDisposal,
        [(RecordStates.DueForDisposal, RecordAction.Destroy)] = RecordStates.Destroyed,
        [(RecordStates.DueForDisposal, RecordAction.Transfer)] = RecordStates.Permanent,
    };

    /// <summary>Every transition, for documentation and tests.</summary>
    public static IEnumerable<(string From, RecordAction Action, string To)> All =>
        Transitions.Select(t => (t.Key.From, t.Key.Action, t.Value));

    /// <summary>The states in which <paramref name="action"/> is allowed.</summary>
    public static IReadOnlyList<string> AllowedIn(RecordAction action) =>
        [.. Transitions.Keys.Where(k => k.Action == action).Select(k => k.From)];

    /// <summary>Whether <paramref name="action"/> is allowed in <paramref name="state"/>.</summary>
    public static bool Allows(string state, RecordAction action) => Transitions.ContainsKey((state, action));

    /// <summary>The one state <paramref name="action"/> leads to (each action has a single target).</summary>
    public static string Target(RecordAction action) => Transitions.Where(t => t.Key.Action == action).Select(t => t.Value).Distinct().Single();

    /// <summary>The state <paramref name="action"/> leads to from <paramref name="state"/>, or 409 <c>not-due</c> naming the record.</summary>
    public static string Next(string state, RecordAction action, string record) =>
        Transitions.TryGetValue((state, action), out var next)
            ? next
            : throw ProblemException.Conflict("not-due", $"Arsip {record} berstatus {state}, tidak dapat {Verb(action)}.");

    /// <summary>
    /// What approving its disposal does to a record of this final disposition (nasib akhir): Destroy → destroy,
    /// Permanent → transfer; Review has none — the record must be appraised again first.
    /// </summary>
    public static RecordAction? DisposalOf(string finalDisposition) => finalDisposition switch
    {
        FinalDisposition.Destroy => RecordAction.Destroy,
        FinalDisposition.Permanent => RecordAction.Transfer,
        _ => null,
    };

    /// <summary>The states as a SQL list of literals (<c>'Active', 'Inactive'</c>), for statements whose partial index names them.</summary>
    public static string SqlList(IEnumerable<string> states) => string.Join(", ", states.Select(s => $"'{s}'"));

    private static string Verb(RecordAction action) => action switch
    {
        RecordAction.Retire => "menjadi inaktif",
        RecordAction.FallDue => "jatuh tempo penyusutan",
        RecordAction.Destroy => "dimusnahkan",
        RecordAction.Transfer => "diserahkan sebagai arsip statis",
        _ => action.ToString(),
    };
}
