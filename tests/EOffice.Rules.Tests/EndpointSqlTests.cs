using System.Reflection;
using NetArchTest.Rules;

namespace EOffice.Rules.Tests;

/// <summary>
/// Endpoints hold no SQL: they check the request and the caller and call the feature's store or flow, which holds the
/// SQL and opens the transaction (STYLE.md: SQL next to its feature).
/// </summary>
public sealed class EndpointSqlTests
{
    public static readonly TheoryData<string> Services = new() { "Directory", "Correspondence", "Disposition", "Archive", "Notification" };

    [Theory]
    [MemberData(nameof(Services))]
    public void Endpoints_reach_the_database_only_through_a_store_or_flow(string service)
    {
        var result = Types.InAssembly(Assembly.Load($"EOffice.{service}")).That().HaveNameEndingWith("Endpoints")
            .ShouldNot().HaveDependencyOnAny("EOffice.ServiceDefaults.Data.Db", "EOffice.ServiceDefaults.Data.UnitOfWork", "Dapper").GetResult();

        Assert.True(result.IsSuccessful, $"In EOffice.{service}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
