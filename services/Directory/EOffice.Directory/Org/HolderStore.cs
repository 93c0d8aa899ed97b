using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Directory.Org;

/// <summary>Who holds a position (definitive holder, not acting): set by admins, and by transfers.</summary>
public sealed class HolderStore(Db db, OrgEvents events)
{
    /// <summary>Puts a user in a position (moving them out of their old one), or vacates it.</summary>
    public async Task SetHolderAsync(Guid positionId, Guid? userId, Guid actor, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        await PositionStore.RequirePositionAsync(uow, positionId, "positionId", notFound: true);
        var previousHolder = await PlaceAsync(uow, positionId, userId);
        await uow.AuditAsync(actor, "holder-set", "position", positionId, new { userId, previousHolder });
        await uow.CommitAsync();
    }

    /// <summary>
    /// Within <paramref name="uow"/>: puts <paramref name="userId"/> in the position (out of their old one) or vacates
    /// it; revokes the refresh tokens of whoever changes position and publishes the change. Returns the previous holder.
    /// The database records the holder history (<c>position_holders</c>) as users' positions change.
    /// </summary>
    internal async Task<Guid?> PlaceAsync(UnitOfWork uow, Guid positionId, Guid? userId)
    {
        var previousHolder = await uow.ExecuteScalarAsync<Guid?>(
            "select id from users where position_id = @positionId for update", new { positionId });
        var previousPosition = userId is null ? null : await uow.ExecuteScalarAsync<Guid?>(
            "select position_id from users where id = @userId for update", new { userId });
        if (userId is not null && !await uow.ExecuteScalarAsync<bool>("select exists (select 1 from users where id = @userId)", new { userId }))
        {
            throw ProblemException.Invalid("userId", "No such user.");
        }

        // The holder who stays (the same person set again) is left in place: their holding goes on, not a new one.
        await uow.ExecuteAsync(
            "update users set position_id = null, updated_at = now() where position_id = @positionId and id is distinct from @userId::uuid",
            new { positionId, userId });
        if (userId is not null && previousPosition != positionId)
        {
            await uow.ExecuteAsync("update users set position_id = @positionId, updated_at = now() where id = @userId", new { positionId, userId });
        }

        foreach (var user in new[] { previousHolder, userId }.OfType<Guid>().Distinct())
        {
            // A person who changes position (moved in, or moved out of it) signs in again: their refresh tokens
            // carry the old position. Access tokens run out on their own; services read the position from the org chart.
            if (user != userId || previousPosition != positionId)
            {
                await uow.ExecuteAsync("update refresh_tokens set revoked_at = now() where user_id = @user and revoked_at is null", new { user });
            }

            await events.PublishUserAsync(uow, user);
        }

        foreach (var position in new Guid?[] { positionId, previousPosition }.OfType<Guid>().Distinct())
        {
            await events.PublishPositionAsync(uow, position);
        }

        return previousHolder;
    }
}
