using EOffice.Directory.Auth;
using EOffice.Directory.Org;
using EOffice.ServiceDefaults.Data;

namespace EOffice.Directory.DemoCity;

/// <summary>The first administrator of a real city (section <c>Directory:BootstrapAdmin</c>).</summary>
public sealed class BootstrapAdminSettings
{
    /// <summary>Email (the sign-in name).</summary>
    public string? Email { get; set; }

    /// <summary>Initial password (change it after the first sign-in).</summary>
    public string? Password { get; set; }

    /// <summary>NIP (18 digits).</summary>
    public string Nip { get; set; } = "000000000000000000";

    /// <summary>Display name.</summary>
    public string Name { get; set; } = "Administrator";
}

/// <summary>
/// When the demo city is turned off and nobody exists yet, creates the configured first
/// administrator (roles admin and staff, no position), so a real city can sign in and build its
/// org chart. Does nothing once any user exists.
/// </summary>
public sealed partial class BootstrapAdmin(Db db, OrgEvents org, IConfiguration configuration, ILogger<BootstrapAdmin> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = configuration.GetSection("Directory:BootstrapAdmin").Get<BootstrapAdminSettings>();
        if (settings?.Email is not { Length: > 0 } email || settings.Password is not { Length: >= 8 } password)
        {
            return;
        }

        await using var uow = await db.BeginAsync(cancellationToken);
        await uow.ExecuteAsync("select pg_advisory_xact_lock(hashtext('eoffice.directory.seed'))");
        if (await uow.ExecuteScalarAsync<bool>("select exists (select 1 from users)"))
        {
            return;
        }

        var id = Guid.CreateVersion7();
        await uow.ExecuteAsync(
            "insert into users (id, nip, name, email, password_hash, roles) values (@id, @Nip, @Name, @email, @hash, '{admin,staff}')",
            new { id, settings.Nip, settings.Name, email, hash = Passwords.Hash(password) });
        await org.PublishUserAsync(uow, id);
        await uow.AuditAsync(null, "bootstrap-admin-created", "user", id, new { email });
        await uow.CommitAsync();
        LogCreated(logger, email);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first administrator {Email}; change the password after signing in")]
    private static partial void LogCreated(ILogger logger, string email);
}
