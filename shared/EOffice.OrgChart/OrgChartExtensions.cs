using EOffice.ServiceDefaults.Data;
using EOffice.ServiceDefaults.Http;
using EOffice.ServiceDefaults.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EOffice.Org;

/// <summary>Gives a service its local copy of Directory's org chart.</summary>
public static class OrgChartExtensions
{
    /// <summary>
    /// The copy's tables in the service's schema (journaled as <c>orgchart/…</c>), <see cref="OrgChart"/> to read it,
    /// <see cref="OrgSnapshotLoader"/> filling it from Directory's snapshot on first start and
    /// <see cref="OrgChangedConsumer"/> keeping it current from <c>eoffice.org-changed</c>. Call after
    /// <c>AddDatabase</c> and before <c>AddMessaging</c>.
    /// </summary>
    public static TBuilder AddOrgChart<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddLibraryConsumers(x => x.AddConsumer<OrgChangedConsumer>());
        builder.AddLibraryMigrations(Migrations);
        builder.AddDirectoryClient();
        builder.Services.AddSingleton<OrgChart>();
        builder.Services.AddSingleton<OrgSnapshotLoader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OrgSnapshotLoader>());
        return builder;
    }

    /// <summary>
    /// The copy's tables. Their ids (<c>orgchart/0001_org_copy.sql</c>, …) are in every deployed journal: never change
    /// the prefix nor a file's name or text; add a new file instead.
    /// </summary>
    public static IReadOnlyList<Migration> Migrations { get; } =
        Migration.FromAssembly(typeof(OrgChartExtensions).Assembly, "orgchart/", "EOffice.Org.Migrations.");
}
