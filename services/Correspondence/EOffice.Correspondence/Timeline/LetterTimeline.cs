using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Correspondence.Timeline;

/// <summary>One entry of a letter's timeline (lacak naskah).</summary>
public sealed record TimelineEntry(DateTimeOffset At, TimelineActor? Actor, string Action, object? Detail);

/// <summary>Who did it, and as what (e.g. <c>Plt. Kepala Dinas …</c> when an acting holder signed or sent).</summary>
public sealed record TimelineActor(Guid? UserId, string? Name, Guid? PositionId, string? Title = null);

/// <summary>Actions that appear on a timeline.</summary>
public static class TimelineActions
{
    public const string Drafted = "drafted";
    public const string Edited = "edited";
    public const string AttachmentAdded = "attachment-added";
    public const string Submitted = "submitted";
    public const string Reviewed = "reviewed";
    public const string Returned = "returned";
    public const string Signed = "signed";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Dispatched = "dispatched";
    public const string Read = "read";
    public const string Registered = "registered";
    public const string Purged = "purged";
    public const string Forwarded = "forwarded";
}

/// <summary>Appends to a letter's timeline (append-only: the table refuses updates).</summary>
public static class LetterTimeline
{
    /// <summary>
    /// How a person is named on the timeline when acting for a position: its title, prefixed <c>Plt.</c>/<c>Plh.</c>
    /// when they act for it without holding it. Null without a position.
    /// </summary>
    public static async Task<string?> TitleAsAsync(UnitOfWork uow, OrgChart org, Guid userId, Guid? position, CancellationToken ct) =>
        position is { } p && await org.PositionAsync(p, ct, uow) is { } info
            ? OrgChart.TitleAs(info.Title, await org.ActingKindAsync(userId, p, ct, uow))
            : null;

    /// <summary>A letter's timeline, oldest first.</summary>
    public static async Task<IReadOnlyList<TimelineEntry>> OfLetterAsync(Db db, Guid letterId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<TimelineRow>(
            "select at, actor_user_id, actor_name, actor_position_id, actor_title, action, detail::text as detail from timeline where letter_id = @letterId order by at, id",
            new { letterId }, ct);
        return rows.Select(r => new TimelineEntry(r.At,
            r.ActorUserId is null && r.ActorPositionId is null ? null : new TimelineActor(r.ActorUserId, r.ActorName, r.ActorPositionId, r.ActorTitle),
            r.Action, r.Detail is null ? null : System.Text.Json.JsonDocument.Parse(r.Detail).RootElement)).ToList();
    }

    /// <summary>Appends one entry in the caller's transaction.</summary>
    public static Task AppendAsync(UnitOfWork uow, Guid letterId, Caller? actor, Guid? actorPosition, string action, object? detail = null,
        DateTimeOffset? at = null, string? actorTitle = null) =>
        uow.ExecuteAsync(
            """
            insert into timeline (id, letter_id, at, actor_user_id, actor_name, actor_position_id, actor_title, action, detail)
            values (@id, @letterId, coalesce(@at, now()), @userId, @name, @actorPosition, @actorTitle, @action, @detail::jsonb)
            """,
            new
            {
                id = Guid.CreateVersion7(),
                letterId,
                at,
                userId = actor?.UserId,
                name = actor?.Name,
                actorPosition,
                actorTitle,
                action,
                detail = detail is null ? null : System.Text.Json.JsonSerializer.Serialize(detail, System.Text.Json.JsonSerializerOptions.Web),
            });

    private sealed class TimelineRow
    {
        public DateTimeOffset At { get; init; }
        public Guid? ActorUserId { get; init; }
        public string? ActorName { get; init; }
        public Guid? ActorPositionId { get; init; }
        public string? ActorTitle { get; init; }
        public string Action { get; init; } = "";
        public string? Detail { get; init; }
    }
}
