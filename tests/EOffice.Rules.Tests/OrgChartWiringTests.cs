using EOffice.Org;
using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Messaging;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace EOffice.Rules.Tests;

/// <summary>
/// How a service gets its org-chart copy from the EOffice.OrgChart library through ServiceDefaults' hooks
/// (registrations only: no database, no broker).
/// </summary>
public sealed class OrgChartWiringTests
{
    [Fact]
    public void The_copy_tables_keep_the_migration_ids_every_deployed_journal_holds()
    {
        // Deployed schemas recorded these ids when the copy lived in ServiceDefaults: a new id would run the file again.
        Assert.Equal(["orgchart/0001_org_copy.sql"], OrgChartExtensions.Migrations.Select(m => m.Id));
        Assert.Contains("create table org_positions", OrgChartExtensions.Migrations[0].Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOrgChart_brings_its_migrations_and_its_consumer_to_the_service()
    {
        var builder = ServiceBuilder();
        builder.AddOrgChart();
        builder.AddMessaging("rules-wiring");

        Assert.Contains(builder.Services, d => d.ServiceType == typeof(LibraryMigrations)
            && ((LibraryMigrations)d.ImplementationInstance!).Migrations == OrgChartExtensions.Migrations);
        Assert.Contains(builder.Services, d => d.ServiceType == typeof(OrgChangedConsumer));
        Assert.Contains(builder.Services, d => d.ServiceType == typeof(OrgChart));
    }

    [Fact]
    public void AddOrgChart_after_AddMessaging_fails_at_start_instead_of_losing_the_consumer()
    {
        var builder = ServiceBuilder();
        builder.AddMessaging("rules-wiring");

        Assert.Throws<InvalidOperationException>(() => builder.AddOrgChart());
    }

    [Fact]
    public void A_service_without_the_copy_has_no_org_chart_consumer()
    {
        var builder = ServiceBuilder();
        builder.AddMessaging("rules-wiring");

        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(OrgChangedConsumer));
        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(LibraryMigrations));
    }

    // A service's registrations as far as AddDatabase (Development: the documented internal key is accepted).
    private static HostApplicationBuilder ServiceBuilder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.AddDatabase("rules_wiring", typeof(OrgChartWiringTests).Assembly);
        return builder;
    }
}
