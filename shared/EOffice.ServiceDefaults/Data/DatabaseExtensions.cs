using System.Reflection;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Health;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EOffice.ServiceDefaults.Data;

/// <summary>Registers the service's Postgres schema.</summary>
public static class DatabaseExtensions
{
    /// <summary>
    /// The service's <see cref="Db"/> on <c>ConnectionStrings:Postgres</c> (its own role), with
    /// <paramref name="schema"/> as search path; the embedded migrations of
    /// <paramref name="migrations"/> applied at start-up; a readiness check. With <paramref name="planEachExecution"/>
    /// Postgres plans every execution of a prepared statement with its values, never a generic plan.
    /// </summary>
    /// <remarks>A shared library with tables of its own adds them with <see cref="AddLibraryMigrations"/>.</remarks>
    public static TBuilder AddDatabase<TBuilder>(this TBuilder builder, string schema, Assembly migrations, bool planEachExecution = false)
        where TBuilder : IHostApplicationBuilder
    {
        DapperSetup.Apply();
        var application = builder.Environment.ApplicationName;
        builder.Services.AddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Postgres")
                ?? throw new InvalidOperationException(
                    "ConnectionStrings:Postgres is not set (environment variable ConnectionStrings__Postgres).");
            var csb = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema, ApplicationName = application };
            // Bounded per replica, so a burst queues here instead of exhausting the server's connection slots.
            if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
                && !connectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase))
            {
                csb.MaxPoolSize = sp.GetRequiredService<IConfiguration>().GetValue("Database:MaxPoolSize", 20);
            }

            // Database:MaxAutoPrepare > 0 keeps statements run twice on a connection prepared there, so Postgres stops
            // planning the same statement again and again (the pipeline bench: Postgres CPU per letter 105 -> 73 ms).
            // Off by default until two acting-holder test failures seen with it on are understood (README). A service
            // whose plans depend on the values (Archive's search) plans each execution with its values either way.
            if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
            {
                csb.MaxAutoPrepare = sp.GetRequiredService<IConfiguration>().GetValue("Database:MaxAutoPrepare", 0);
                csb.AutoPrepareMinUsages = 2;
            }

            if (planEachExecution)
            {
                csb.Options = (csb.Options + " -c plan_cache_mode=force_custom_plan").Trim();
            }

            var dataSource = new NpgsqlDataSourceBuilder(csb.ConnectionString);
            dataSource.ConfigureTracing(Telemetry.SqlSpans.Configure);
            return dataSource.Build();
        });
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton(sp => new Db(sp.GetRequiredService<NpgsqlDataSource>(), schema, sp.GetRequiredService<OutboxSignal>()));
        var own = Migration.FromAssembly(migrations);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Auth.ServiceKeys>();
        // The infrastructure's first, then the shared libraries' (in the order they were added), then the service's own.
        builder.Services.AddSingleton(sp => new MigrationRunner(
            sp.GetRequiredService<NpgsqlDataSource>(), schema,
            [.. Migration.Infrastructure, .. sp.GetServices<LibraryMigrations>().SelectMany(l => l.Migrations), .. own],
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<MigrationRunner>()));
        // Registered before anything that reads the schema, so it finishes first.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrationHostedService>());
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>
    /// Adds a shared library's migrations to this service's schema (call after <c>AddDatabase</c>): applied after the
    /// infrastructure's and before the service's own, journaled under their ids (give them a prefix of their own, such as
    /// <c>orgchart/</c>, which must never change once deployed).
    /// </summary>
    public static TBuilder AddLibraryMigrations<TBuilder>(this TBuilder builder, IReadOnlyList<Migration> migrations)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton(new LibraryMigrations(migrations));
        return builder;
    }
}

/// <summary>A shared library's migrations, added to the service's schema (see <see cref="DatabaseExtensions.AddLibraryMigrations"/>).</summary>
public sealed record LibraryMigrations(IReadOnlyList<Migration> Migrations);

internal sealed partial class MigrationHostedService(MigrationRunner runner, ILogger<MigrationHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Postgres may still be starting (compose, k8s): retry connection failures for a while.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await runner.RunAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException ex) when (ex is not PostgresException && attempt < 30)
            {
                LogWaiting(logger, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable (attempt {Attempt}): {Message}")]
    private static partial void LogWaiting(ILogger logger, int attempt, string message);
}

internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Postgres is not reachable.", ex);
        }
    }
}
