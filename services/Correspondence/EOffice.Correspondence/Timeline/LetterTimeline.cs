using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Correspondence.Timeline;

/// <summary>One entry of a letter's timeline (lacak naskah).</summary>
public sealed record TimelineEntry(DateTimeOffset At, TimelineActor? Actor, string Action, object? Detail);

/// <summary>Who did it.</summary>
public sealed record TimelineActor(Guid? UserId, string? Name, Guid? PositionId);

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
}

/// <summary>Appends to a letter's timeline (append-only: the table refuses updates).</summary>
public static class LetterTimeline
{
    /// <summary>Appends one entry in the caller's transaction.</summary>
    public static Task AppendAsync(UnitOfWork uow, Guid letterId, Caller? actor, Guid? actorPosition, string action, object? detail = null,
        DateTimeOffset? at = null) =>
        uow.ExecuteAsync(
            """
            insert into timeline (id, letter_id, at, actor_user_id, actor_name, actor_position_id, action, detail)
            values (@id, @letterId, coalesce(@at, now()), @userId, @name, @actorPosition, @action, @detail::jsonb)
            """,
            new
            {
                id = Guid.CreateVersion7(),
                letterId,
                at,
                userId = actor?.UserId,
                name = actor?.Name,
                actorPosition,
                action,
                detail = detail is null ? null : System.Text.Json.JsonSerializer.Serialize(detail, System.Text.Json.JsonSerializerOptions.Web),
            });
}
