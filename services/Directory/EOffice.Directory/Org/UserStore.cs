using EOffice.Directory.Auth;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Directory.Org;

/// <summary>Users (pegawai) of the org chart: lists with their position, and their accounts as admins change them.</summary>
public sealed class UserStore(Db db, OrgEvents events)
{
    /// <summary>Users, filtered by name/NIP/email text, by name.</summary>
    public async Task<Page<UserView>> UsersAsync(string? q, Guid? unitId, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var cursor = Paging.Read(after, 2);
        var rows = await db.QueryAsync<UserRow>(
            UserSelect + """
            where (@q::text is null or u.name ilike @q or u.nip like @q or u.email ilike @q)
              and (@unitId::uuid is null or p.unit_id = @unitId)
              and (@afterName::text is null or (lower(u.name), u.id) > (@afterName, @afterId))
            order by lower(u.name), u.id
            limit @take
            """,
            new
            {
                q = SqlText.Contains(q),
                unitId,
                afterName = cursor?.Text(0),
                afterId = cursor?.Id(1),
                take = take + 1,
            }, ct);
        return Paging.Build(rows.Select(ToView).ToList(), take, u => Paging.Encode(u.Name.ToLowerInvariant(), u.Id.ToString()));
    }

    /// <summary>One user.</summary>
    public async Task<UserView?> UserAsync(Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<UserRow>(UserSelect + "where u.id = @id", new { id }, ct);
        return row is null ? null : ToView(row);
    }

    /// <summary>Creates a user.</summary>
    public async Task<Guid> CreateUserAsync(UserRequest r, Guid actor, CancellationToken ct)
    {
        OrgRules.Validate(r, creating: true);
        await using var uow = await db.BeginAsync(ct);
        var id = Guid.CreateVersion7();
        await NikUnique(() => uow.ExecuteAsync(
            """
            insert into users (id, nip, name, email, phone, password_hash, roles, active, nik)
            values (@id, @Nip, @Name, @Email, @Phone, @hash, @roles, coalesce(@Active, true), nullif(@Nik, ''))
            """,
            new { id, r.Nip, Name = r.Name!.Trim(), Email = r.Email!.Trim(), r.Phone, hash = Passwords.Hash(r.Password!), roles = Roles(r), r.Active, r.Nik }));
        await events.PublishUserAsync(uow, id);
        await uow.AuditAsync(actor, "user-created", "user", id, r with { Password = null });
        await uow.CommitAsync();
        return id;
    }

    /// <summary>Changes a user (a password given here resets it).</summary>
    public async Task UpdateUserAsync(Guid id, UserRequest r, Guid actor, CancellationToken ct)
    {
        OrgRules.Validate(r, creating: false);
        await using var uow = await db.BeginAsync(ct);
        var changed = await NikUnique(() => uow.ExecuteAsync(
            """
            update users set nip = @Nip, name = @Name, email = @Email, phone = @Phone, roles = @roles,
                active = coalesce(@Active, active), password_hash = coalesce(@hash, password_hash),
                nik = case when @Nik::text is null then nik else nullif(@Nik, '') end, updated_at = now()
            where id = @id
            """,
            new
            {
                id,
                r.Nip,
                Name = r.Name!.Trim(),
                Email = r.Email!.Trim(),
                r.Phone,
                roles = Roles(r),
                r.Active,
                hash = r.Password is null ? null : Passwords.Hash(r.Password),
                r.Nik,
            }));
        if (changed == 0)
        {
            throw ProblemException.NotFound("user");
        }

        if (r.Active == false || r.Password is not null)
        {
            await uow.ExecuteAsync("update refresh_tokens set revoked_at = now() where user_id = @id and revoked_at is null", new { id });
        }

        await events.PublishUserAsync(uow, id);
        await uow.AuditAsync(actor, "user-updated", "user", id, r with { Password = r.Password is null ? null : "(changed)" });
        await uow.CommitAsync();
    }

    /// <summary>Gives a user a new password (stored only hashed) and ends their sessions and lockout; false when there is no such user.</summary>
    public async Task<bool> ResetPasswordAsync(Guid id, string password, Guid actor, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var changed = await uow.ExecuteAsync(
            "update users set password_hash = @hash, updated_at = now() where id = @id", new { id, hash = Passwords.Hash(password) });
        if (changed == 0)
        {
            return false;
        }

        await uow.ExecuteAsync("update refresh_tokens set revoked_at = now() where user_id = @id and revoked_at is null", new { id });
        await uow.ExecuteAsync("delete from sign_in_failures where account = @account", new { account = id.ToString() });
        await uow.AuditAsync(actor, "password-reset", "user", id, new { });
        await uow.CommitAsync();
        return true;
    }

    // One person, one NIK: a NIK already given to someone else is a 409 naming it.
    private static async Task<int> NikUnique(Func<Task<int>> write)
    {
        try
        {
            return await write();
        }
        catch (Npgsql.PostgresException e) when (e is { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: "users_nik_key" })
        {
            throw ProblemException.Conflict("nik-taken", "NIK ini sudah tercatat untuk pengguna lain.");
        }
    }

    private static string[] Roles(UserRequest r) => r.Roles is { Count: > 0 } roles ? roles.Distinct().ToArray() : ["staff"];

    private static UserView ToView(UserRow u) => new(
        u.Id, u.Nip, u.Name, u.Email, u.Phone, u.PositionId, u.PositionTitle, u.UnitId, u.UnitName, u.Roles, u.Active, u.Nik);

    private const string UserSelect =
        """
        select u.id, u.nip, u.name, u.email, u.phone, u.position_id, p.title as position_title, p.unit_id, un.name as unit_name,
               u.roles, u.active, u.nik
        from users u
        left join positions p on p.id = u.position_id
        left join units un on un.id = p.unit_id

        """;

    private sealed class UserRow
    {
        public Guid Id { get; init; }
        public string Nip { get; init; } = "";
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public string? Phone { get; init; }
        public Guid? PositionId { get; init; }
        public string? PositionTitle { get; init; }
        public Guid? UnitId { get; init; }
        public string? UnitName { get; init; }
        public string[] Roles { get; init; } = [];
        public bool Active { get; init; }
        public string? Nik { get; init; }
    }
}
