using EOffice.Testing;

namespace EOffice.Gateway.Tests;

/// <summary>The gateway's own OpenAPI document (sessions, AsyncAPI) keeps the contract every service's keeps (see <see cref="OpenApiContract"/>).</summary>
public sealed class OpenApiContractTests(GatewayFixture platform) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Every_operation_has_a_summary_a_typed_success_and_its_problems()
    {
        var document = await OpenApiContract.DocumentAsync(platform.Client);

        var violations = OpenApiContract.Violations(document, op => op.Path.StartsWith("/api/session", StringComparison.Ordinal) ? [400, 401, 403, 429] : []);

        Assert.True(OpenApiContract.Operations(document).Count() >= 4, "the document lists too few operations");
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }
}
