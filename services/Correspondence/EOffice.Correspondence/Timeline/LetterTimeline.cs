using EOffice.Org;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Correspondence.Timeline;

/// <summary>One entry of a letter's timeline (lacak naskah).</summary>
public sealed record TimelineEntry(DateTimeOffset At, TimelineActor? Actor, string Action, object? Detail);

/// <summary>Who did it, and as what (e.g. <c>Plt. Kepala Dinas …</c> when an acting holder signed or sent).</summary>
public sealed record TimelineActor(Guid? UserId, string? Name, Guid? PositionId, string? Title = null);

/// <summary>An entry to append together with others (see <see cref="LetterTimeline.AppendAllAsync"/>), at the transaction's time.</summary>
public sealed record TimelineAppend(Caller? Actor, Guid? ActorPosition, string Action, object? Detail = null, string? ActorTitle = null);

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

    /// <summary>
    /// Appends several entries to a letter's timeline in the caller's transaction, in one statement (each as
    /// <see cref="AppendAsync"/> without <c>at</c> would, at the transaction's time). The timeline orders entries of one
    /// time by id, so the ids rise in the order given (version 7 ids of one millisecond are otherwise in random order).
    /// </summary>
    public static Task AppendAllAsync(UnitOfWork uow, Guid letterId, IReadOnlyList<TimelineAppend> entries)
    {
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        return uow.ExecuteAsync(
            """
            insert into timeline (id, letter_id, at, actor_user_id, actor_name, actor_position_id, actor_title, action, detail)
            select e.id, @letterId, now(), e.user_id, e.name, e.position_id, e.title, e.action, e.detail::jsonb
            from unnest(@ids::uuid[], @userIds::uuid[], @names::text[], @positions::uuid[], @titles::text[], @actions::text[], @details::text[])
                as e (id, user_id, name, position_id, title, action, detail)
            """,
            new
            {
                letterId,
                ids = entries.Select(_ => Guid.CreateVersion7()).OrderBy(g => g.ToString(), StringComparer.Ordinal).ToArray(),
                userIds = entries.Select(e => e.Actor?.UserId).ToArray(),
                names = entries.Select(e => e.Actor?.Name).ToArray(),
                positions = entries.Select(e => e.ActorPosition).ToArray(),
                titles = entries.Select(e => e.ActorTitle).ToArray(),
                actions = entries.Select(e => e.Action).ToArray(),
                details = entries.Select(e => e.Detail is null ? null
                    : System.Text.Json.JsonSerializer.Serialize(e.Detail, System.Text.Json.JsonSerializerOptions.Web)).ToArray(),
            });
    }

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
