using EOffice.Directory.Tokens;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Time;

namespace EOffice.Directory.Auth;

/// <summary>Accounts: checking passwords, issuing and rotating tokens, reading profiles.</summary>
public sealed class UserAccounts(Db db, TokenIssuer issuer, TokenSettings settings, SignInThrottle throttle, TimeProvider clock, CityClock city)
{
    // Verified against when the user is unknown, so both failures take the same time.
    private static readonly string DummyHash = Passwords.Hash("not a real password");

    private readonly AccountTurns _turns = new();

    /// <summary>
    /// Signs in by NIP or email from a client address; null when the user is unknown, inactive or the
    /// password is wrong (alike). Throws 429 while that address must wait or the account is locked.
    /// </summary>
    public async Task<LoginResponse?> SignInAsync(string username, string password, string address, CancellationToken ct)
    {
        var account = await db.QuerySingleOrDefaultAsync<AccountRow>(
            """
            select id, password_hash from users
            where active and (nip = @username or lower(email) = lower(@username))
            """, new { username }, ct);
        // Unknown names are counted too, under the name, so they answer exactly as known ones do.
        var key = account?.Id.ToString() ?? "name:" + username.ToLowerInvariant();

        using var turn = await _turns.WaitAsync(key, ct);
        await using var uow = await db.BeginAsync(ct);
        await CheckThrottleAsync(uow, key, address);
        var (ok, rehash) = Passwords.Verify(account?.PasswordHash ?? DummyHash, password);
        if (account is null || !ok)
        {
            await RecordFailureAsync(uow, key, address);
            if (account is not null)
            {
                await uow.AuditAsync(account.Id, "sign-in-failed", "user", account.Id, new { address });
            }

            await uow.CommitAsync();
            return null;
        }

        await ForgetFailuresAsync(uow, key, address);
        if (rehash)
        {
            await uow.ExecuteAsync("update users set password_hash = @hash where id = @id", new { id = account.Id, hash = Passwords.Hash(password) });
        }

        var response = await IssueAsync(uow, account.Id, ct);
        await uow.AuditAsync(account.Id, "signed-in", "user", account.Id);
        await uow.CommitAsync();
        return response;
    }

    /// <summary>
    /// Whether a password is an active user's (step-up confirmation, e.g. before signing). Counts
    /// toward the same throttle and lock as sign-in, and throws 429 alike.
    /// </summary>
    public async Task<bool> CheckPasswordAsync(Guid userId, string password, string address, CancellationToken ct)
    {
        var hash = await db.QuerySingleOrDefaultAsync<string>("select password_hash from users where id = @userId and active", new { userId }, ct);
        var key = userId.ToString();
        using var turn = await _turns.WaitAsync(key, ct);
        await using var uow = await db.BeginAsync(ct);
        await CheckThrottleAsync(uow, key, address);
        var ok = Passwords.Verify(hash ?? DummyHash, password).Ok && hash is not null;
        if (ok)
        {
            await ForgetFailuresAsync(uow, key, address);
        }
        else
        {
            await RecordFailureAsync(uow, key, address);
        }

        if (hash is not null)
        {
            await uow.AuditAsync(userId, ok ? "password-confirmed" : "password-confirmation-failed", "user", userId, new { address });
        }

        await uow.CommitAsync();
        return ok;
    }

    /// <summary>Lifts an account's lock and every address's wait for it (admin); false when there is no such user.</summary>
    public async Task<bool> UnlockAsync(Guid userId, Guid adminId, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        if (await uow.QuerySingleOrDefaultAsync<Guid?>("select id from users where id = @userId", new { userId }) is null)
        {
            return false;
        }

        var cleared = await uow.ExecuteAsync("delete from sign_in_failures where account = @account", new { account = userId.ToString() });
        await uow.AuditAsync(adminId, "account-unlocked", "user", userId, new { failuresCleared = cleared });
        await uow.CommitAsync();
        return true;
    }

    private async Task CheckThrottleAsync(UnitOfWork uow, string key, string address)
    {
        // One check at a time per account, so parallel guesses cannot all slip under the limit.
        await uow.ExecuteAsync("select pg_advisory_xact_lock(hashtext('eoffice.sign-in.' || @key))", new { key });
        var now = clock.GetUtcNow();
        var failures = await uow.QueryAsync<FailureRow>(
            "select address, failed_at from sign_in_failures where account = @key and failed_at > @since",
            new { key, since = now - throttle.Memory });
        switch (throttle.Check(failures.Select(f => new SignInFailure(f.Address, f.FailedAt)), address, now))
        {
            case SignInVerdict.Throttled t:
                var seconds = Math.Max(1, (int)Math.Ceiling(t.RetryAfter.TotalSeconds));
                throw ProblemException.TooManyRequests("too-many-attempts", "Too many failed attempts",
                    $"Too many wrong passwords from your address. Try again in {seconds} seconds.", TimeSpan.FromSeconds(seconds));
            case SignInVerdict.Locked l:
                throw ProblemException.TooManyRequests("account-locked", "Account locked",
                    $"Too many wrong passwords for this account. Try again after {CityClock.InCity(l.Until):HH:mm} {CityClock.ZoneName}, "
                    + "or ask an administrator to unlock it.", l.Until - now);
        }
    }

    private async Task RecordFailureAsync(UnitOfWork uow, string key, string address)
    {
        var now = clock.GetUtcNow();
        await uow.ExecuteAsync(
            """
            delete from sign_in_failures where failed_at < @forgotten;
            insert into sign_in_failures (account, address, failed_at) values (@key, @address, @now);
            """, new { key, address, now, forgotten = now - throttle.Memory });
    }

    // A right password from an address lifts that address's wait; failures from elsewhere still count.
    private static Task ForgetFailuresAsync(UnitOfWork uow, string key, string address) =>
        uow.ExecuteAsync("delete from sign_in_failures where account = @key and address = @address", new { key, address });

    /// <summary>
    /// Exchanges a refresh token for a new pair (rotation). A token used twice revokes every token
    /// of its user: someone else may hold a copy.
    /// </summary>
    public async Task<LoginResponse?> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var row = await uow.QuerySingleOrDefaultAsync<RefreshRow>(
            """
            select t.id, t.user_id, t.expires_at, t.revoked_at, u.active
            from refresh_tokens t join users u on u.id = t.user_id
            where t.token_hash = @hash
            for update of t
            """, new { hash = TokenIssuer.HashRefreshToken(refreshToken) });
        if (row is null)
        {
            return null;
        }

        if (row.RevokedAt is not null)
        {
            await uow.ExecuteAsync(
                "update refresh_tokens set revoked_at = now() where user_id = @userId and revoked_at is null", new { userId = row.UserId });
            await uow.AuditAsync(row.UserId, "refresh-token-reused", "user", row.UserId);
            await uow.CommitAsync();
            return null;
        }

        if (row.ExpiresAt <= clock.GetUtcNow() || !row.Active)
        {
            return null;
        }

        var response = await IssueAsync(uow, row.UserId, ct);
        await uow.ExecuteAsync(
            "update refresh_tokens set revoked_at = now(), replaced_by = (select id from refresh_tokens where token_hash = @next) where id = @id",
            new { id = row.Id, next = TokenIssuer.HashRefreshToken(response.RefreshToken) });
        await uow.CommitAsync();
        return response;
    }

    /// <summary>Ends a refresh token at sign-out (the access token lapses by itself within minutes).</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var userId = await uow.QuerySingleOrDefaultAsync<Guid?>(
            "update refresh_tokens set revoked_at = now() where token_hash = @hash and revoked_at is null returning user_id",
            new { hash = TokenIssuer.HashRefreshToken(refreshToken) });
        if (userId is { } user)
        {
            await uow.AuditAsync(user, "signed-out", "user", user);
        }

        await uow.CommitAsync();
    }

    /// <summary>The NIK on record for an active user, or null.</summary>
    public Task<string?> NikAsync(Guid userId, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string?>("select nik from users where id = @userId and active", new { userId }, ct);

    /// <summary>The profile of a user, with the positions they act for today.</summary>
    public async Task<UserProfile?> ProfileAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.QuerySingleOrDefaultAsync<ProfileRow>(ProfileSql, new { userId }, ct);
        if (user is null)
        {
            return null;
        }

        var acting = await db.QueryAsync<ActingRow>(ActingSql, new { userId, today = city.Today }, ct);
        return ToProfile(user, acting);
    }

    private async Task<LoginResponse> IssueAsync(UnitOfWork uow, Guid userId, CancellationToken ct)
    {
        var user = await uow.QuerySingleOrDefaultAsync<ProfileRow>(ProfileSql, new { userId })
            ?? throw new InvalidOperationException("The user vanished while signing in.");
        var acting = await uow.QueryAsync<ActingRow>(ActingSql, new { userId, today = city.Today });
        var (refresh, hash) = TokenIssuer.CreateRefreshToken();
        await uow.ExecuteAsync(
            "insert into refresh_tokens (id, user_id, token_hash, expires_at) values (@id, @userId, @hash, @expiresAt)",
            new { id = Guid.CreateVersion7(), userId, hash, expiresAt = clock.GetUtcNow().Add(settings.RefreshTokenLifetime) });
        ct.ThrowIfCancellationRequested();
        var access = issuer.CreateAccessToken(new TokenSubject(user.Id, user.Name, user.Nip, user.PositionId, user.UnitId, user.Roles));
        return new LoginResponse(access, refresh, issuer.AccessTokenSeconds, "Bearer", ToProfile(user, acting));
    }

    private static UserProfile ToProfile(ProfileRow u, IReadOnlyList<ActingRow> acting) =>
        new(u.Id, u.Name, u.Nip, u.Email, u.PositionId, u.PositionTitle, u.UnitId, u.UnitName, u.Roles,
            acting.Select(a => new ActingPosition(a.PositionId, a.PositionTitle, a.UnitId, a.Kind, a.FromDate, a.ToDate)).ToList());

    private const string ProfileSql =
        """
        select u.id, u.name, u.nip, u.email, u.roles, u.position_id, p.title as position_title, p.unit_id, un.name as unit_name
        from users u
        left join positions p on p.id = u.position_id
        left join units un on un.id = p.unit_id
        where u.id = @userId and u.active
        """;

    private const string ActingSql =
        """
        select a.position_id, p.title as position_title, p.unit_id, a.kind, a.from_date, a.to_date
        from acting_assignments a join positions p on p.id = a.position_id
        where a.user_id = @userId and @today between a.from_date and a.to_date
        order by a.from_date
        """;

    private sealed class AccountRow
    {
        public Guid Id { get; init; }
        public string PasswordHash { get; init; } = "";
    }

    private sealed class FailureRow
    {
        public string Address { get; init; } = "";
        public DateTimeOffset FailedAt { get; init; }
    }

    private sealed class RefreshRow
    {
        public Guid Id { get; init; }
        public Guid UserId { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
        public bool Active { get; init; }
    }

    private sealed class ProfileRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Nip { get; init; } = "";
        public string Email { get; init; } = "";
        public string[] Roles { get; init; } = [];
        public Guid? PositionId { get; init; }
        public string? PositionTitle { get; init; }
        public Guid? UnitId { get; init; }
        public string? UnitName { get; init; }
    }

    private sealed class ActingRow
    {
        public Guid PositionId { get; init; }
        public string PositionTitle { get; init; } = "";
        public Guid UnitId { get; init; }
        public string Kind { get; init; } = "";
        public DateOnly FromDate { get; init; }
        public DateOnly ToDate { get; init; }
    }
}
