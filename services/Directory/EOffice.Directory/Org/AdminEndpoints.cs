using System.Security.Cryptography;
using EOffice.Contracts;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Directory.Org;

/// <summary>A temporary password made by a reset: shown once to the admin, who hands it to the user.</summary>
public sealed record PasswordResetView(string TemporaryPassword);

/// <summary>An acting assignment (Plt/Plh) of a position, current, coming or recently ended.</summary>
public sealed record ActingView(Guid Id, Guid UserId, string Name, string Nip, string Kind, DateOnly From, DateOnly To);

/// <summary>What the admin screens need beyond the org chart's reads and writes: password resets, a position's acting list, a unit's logo.</summary>
public static class AdminEndpoints
{
    // No look-alike characters (0/O, 1/l/I), so a password read aloud or copied by hand is typed right.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>A random temporary password of 12 characters with at least one upper-case letter, lower-case letter and digit.</summary>
    public static string TemporaryPassword()
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString(Alphabet, 12);
            if (password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit))
            {
                return password;
            }
        }
    }

    /// <summary>Maps the admin helpers under <c>/api/org</c>.</summary>
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/org").WithTags("Org");

        // A reset: a new random password (answered once, stored only hashed), the user's sessions and lockout ended.
        org.MapPost("/users/{id:guid}/password-reset", async (Guid id, HttpContext http, Db db, CancellationToken ct) =>
        {
            var password = TemporaryPassword();
            await using var uow = await db.BeginAsync(ct);
            var changed = await uow.ExecuteAsync(
                "update users set password_hash = @hash, updated_at = now() where id = @id", new { id, hash = Auth.Passwords.Hash(password) });
            if (changed == 0)
            {
                throw ProblemException.NotFound("user");
            }

            await uow.ExecuteAsync("update refresh_tokens set revoked_at = now() where user_id = @id and revoked_at is null", new { id });
            await uow.ExecuteAsync("delete from sign_in_failures where account = @account", new { account = id.ToString() });
            await uow.AuditAsync(http.Caller().UserId, "password-reset", "user", id, new { });
            await uow.CommitAsync();
            return TypedResults.Ok(new PasswordResetView(password));
        }).RequireAuthorization(Policies.Admin);

        // Acting holders of a position that have not ended more than a year ago, newest start first.
        org.MapGet("/positions/{id:guid}/acting", async (Guid id, Db db, CityClock city, CancellationToken ct) =>
        {
            if (!await db.ExecuteScalarAsync<bool>("select exists (select 1 from positions where id = @id)", new { id }, ct))
            {
                throw ProblemException.NotFound("position");
            }

            var rows = await db.QueryAsync<ActingRow>(
                """
                select a.id, a.user_id, u.name, u.nip, a.kind, a.from_date, a.to_date
                from acting_assignments a join users u on u.id = a.user_id
                where a.position_id = @id and a.to_date >= @since
                order by a.from_date desc, a.id desc
                """, new { id, since = city.Today.AddDays(-366) }, ct);
            return TypedResults.Ok(new Page<ActingView>(
                rows.Select(a => new ActingView(a.Id, a.UserId, a.Name, a.Nip, a.Kind, a.FromDate, a.ToDate)).ToList(), null));
        });

        // The logo of a unit's letterhead, for previews.
        org.MapGet("/units/{id:guid}/logo", async (Guid id, Db db, CancellationToken ct) =>
        {
            var logo = await db.ExecuteScalarAsync<byte[]?>("select logo from letterheads where unit_id = @id", new { id }, ct);
            return logo is { Length: > 0 } ? Results.File(logo, "image/png") : throw ProblemException.NotFound("logo");
        });
    }

    private sealed class ActingRow
    {
        public Guid Id { get; init; }
        public Guid UserId { get; init; }
        public string Name { get; init; } = "";
        public string Nip { get; init; } = "";
        public string Kind { get; init; } = "";
        public DateOnly FromDate { get; init; }
        public DateOnly ToDate { get; init; }
    }
}
