using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Directory.Org;

/// <summary>Move a person to another position: <c>positionId</c>; <c>replace</c> takes a held position from its holder.</summary>
public sealed record MoveRequest(Guid? PositionId, bool? Replace);

/// <summary>The outcome of a move: the person as they are now, where they came from, and whom they replaced.</summary>
public sealed record MoveResult(UserView User, Guid? FromPositionId, Guid ToPositionId, Guid? ReplacedUserId);

/// <summary>One holder of a position, from when to when (<c>to</c> is null while they hold it).</summary>
public sealed record PositionHolderPeriod(Guid UserId, string Name, string Nip, DateTimeOffset From, DateTimeOffset? To);

/// <summary>
/// Transfers (mutasi). A position keeps its mailbox (drafts, inbox, dispositions) for whoever holds it
/// next; the person who moves takes nothing along, signs in again and works from the new position.
/// </summary>
public sealed class Transfers(Db db, HolderStore holders, UserStore users)
{
    /// <summary>Checks a move request.</summary>
    public static void Validate(MoveRequest r)
    {
        var errors = new FieldErrors();
        errors.Required("positionId", r.PositionId);
        errors.ThrowIfAny();
    }

    /// <summary>
    /// Moves a user to another position in one transaction: their old position becomes vacant, their refresh
    /// tokens (and those of a replaced holder) are revoked, the org chart's copies learn of it through the outbox.
    /// A position held by someone else is a 409 unless <c>replace</c> is true; the replaced holder is then left without a position.
    /// </summary>
    public async Task<MoveResult> MoveAsync(Guid userId, MoveRequest r, Guid actor, CancellationToken ct)
    {
        Validate(r);
        var positionId = r.PositionId!.Value;
        await using var uow = await db.BeginAsync(ct);
        var user = await uow.QuerySingleOrDefaultAsync<UserRow>(
            "select id, name, position_id, active from users where id = @userId for update", new { userId })
            ?? throw ProblemException.NotFound("user");
        var target = await uow.QuerySingleOrDefaultAsync<PositionRow>(
            "select id, title, active from positions where id = @positionId", new { positionId })
            ?? throw ProblemException.Invalid("positionId", "No such position.");
        if (!target.Active)
        {
            throw ProblemException.Invalid("positionId", $"The position {target.Title} is not active.");
        }

        if (!user.Active)
        {
            throw ProblemException.Conflict("user-inactive", $"{user.Name} is not active; activate the account before moving it.");
        }

        if (user.PositionId == positionId)
        {
            throw ProblemException.Conflict("already-in-position", $"{user.Name} already holds {target.Title}.");
        }

        var holder = await uow.QuerySingleOrDefaultAsync<UserRow>(
            "select id, name, position_id, active from users where position_id = @positionId for update", new { positionId });
        if (holder is not null && r.Replace != true)
        {
            throw ProblemException.Conflict("position-held",
                $"{target.Title} is held by {holder.Name}. Send \"replace\": true to move {user.Name} in and leave {holder.Name} without a position, or vacate it first.");
        }

        var replaced = await holders.PlaceAsync(uow, positionId, userId);
        await uow.AuditAsync(actor, "user-moved", "user", userId, new { from = user.PositionId, to = positionId, replaced });
        await uow.CommitAsync();
        return new MoveResult((await users.UserAsync(userId, ct))!, user.PositionId, positionId, replaced);
    }

    /// <summary>Who held a position, newest first; null when there is no such position.</summary>
    public async Task<IReadOnlyList<PositionHolderPeriod>?> HoldersAsync(Guid positionId, CancellationToken ct)
    {
        if (!await db.ExecuteScalarAsync<bool>("select exists (select 1 from positions where id = @positionId)", new { positionId }, ct))
        {
            return null;
        }

        var rows = await db.QueryAsync<HolderRow>(
            """
            select h.user_id, u.name, u.nip, h.from_at, h.to_at
            from position_holders h join users u on u.id = h.user_id
            where h.position_id = @positionId
            order by h.to_at desc nulls first, h.from_at desc, h.id desc
            """, new { positionId }, ct);
        return rows.Select(h => new PositionHolderPeriod(h.UserId, h.Name, h.Nip, h.FromAt, h.ToAt)).ToList();
    }

    private sealed class UserRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public Guid? PositionId { get; init; }
        public bool Active { get; init; }
    }

    private sealed class PositionRow
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public bool Active { get; init; }
    }

    private sealed class HolderRow
    {
        public Guid UserId { get; init; }
        public string Name { get; init; } = "";
        public string Nip { get; init; } = "";
        public DateTimeOffset FromAt { get; init; }
        public DateTimeOffset? ToAt { get; init; }
    }
}
