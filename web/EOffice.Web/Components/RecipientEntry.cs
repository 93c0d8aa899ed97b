using EOffice.Web.Services;

namespace EOffice.Web.Components;

/// <summary>A recipient being composed: a position, a unit or an external institution, and how to show it.</summary>
public sealed record RecipientEntry(Guid? PositionId, Guid? UnitId, ExternalInput? External, string Display)
{
    /// <summary>As the API takes it.</summary>
    public RecipientInput ToInput() => new(PositionId, UnitId, External);

    /// <summary>From a letter's recipient.</summary>
    public static RecipientEntry From(RecipientView r) =>
        new(r.PositionId, r.UnitId, r.External, r.External is { } e ? $"{e.Name} (eksternal)" : r.TargetTitle ?? "—");
}
