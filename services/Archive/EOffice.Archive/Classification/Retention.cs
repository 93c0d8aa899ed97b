namespace EOffice.Archive.Classification;

/// <summary>A retention rule (JRA): years active, years inactive, then the final disposition.</summary>
public sealed record RetentionRule(int ActiveYears, int InactiveYears, string FinalDisposition);

/// <summary>A code of the classification scheme, with its own rule or none (then it inherits).</summary>
public sealed record SchemeEntry(string Code, string? ParentCode, string Title, RetentionRule? Rule);

/// <summary>Final dispositions.</summary>
public static class FinalDisposition
{
    public const string Destroy = "Destroy";
    public const string Permanent = "Permanent";
    public const string Review = "Review";

    /// <summary>All of them.</summary>
    public static readonly IReadOnlyList<string> All = [Destroy, Permanent, Review];
}

/// <summary>Retention as plain rules: which rule applies to a code, and the dates it gives a record.</summary>
public static class Retention
{
    /// <summary>
    /// The rule for a code: its own, else the nearest ancestor's. An unknown code takes the rule of
    /// its longest known prefix (<c>800.1.99</c> → <c>800.1</c> → <c>800</c>), else <paramref name="fallback"/>;
    /// <c>Known</c> says whether the code itself is in the scheme.
    /// </summary>
    public static (RetentionRule Rule, bool Known) RuleFor(string code, IReadOnlyDictionary<string, SchemeEntry> scheme, RetentionRule fallback)
    {
        var known = scheme.ContainsKey(code);
        var at = code;
        while (!scheme.ContainsKey(at))
        {
            var dot = at.LastIndexOf('.');
            if (dot < 0)
            {
                return (fallback, false);
            }

            at = at[..dot];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var entry = scheme[at]; seen.Add(entry.Code);)
        {
            if (entry.Rule is { } rule)
            {
                return (rule, known);
            }

            if (entry.ParentCode is not { } parent || !scheme.TryGetValue(parent, out var next))
            {
                break;
            }

            entry = next;
        }

        return (fallback, known);
    }

    /// <summary>The end of active and of inactive retention, counted from the letter's date.</summary>
    public static (DateOnly ActiveUntil, DateOnly InactiveUntil) Dates(DateOnly letterDate, RetentionRule rule) =>
        (letterDate.AddYears(rule.ActiveYears), letterDate.AddYears(rule.ActiveYears + rule.InactiveYears));

    /// <summary>The lifecycle state a record should be in on a day (before any disposal).</summary>
    public static string StateOn(DateOnly today, DateOnly activeUntil, DateOnly inactiveUntil) =>
        today < activeUntil ? Contracts.RecordStates.Active
        : today < inactiveUntil ? Contracts.RecordStates.Inactive
        : Contracts.RecordStates.DueForDisposal;
}
