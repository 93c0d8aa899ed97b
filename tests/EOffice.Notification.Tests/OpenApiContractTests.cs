using EOffice.Testing;

namespace EOffice.Notification.Tests;

/// <summary>The service's OpenAPI document says what each endpoint does, returns and refuses (see <see cref="OpenApiContract"/>).</summary>
public sealed class OpenApiContractTests(NotificationFixture f) : IClassFixture<NotificationFixture>
{
    [Fact]
    public async Task Every_operation_has_a_summary_a_typed_success_and_its_problems()
    {
        using var client = f.Service.CreateClient();
        var document = await OpenApiContract.DocumentAsync(client);

        var violations = OpenApiContract.Violations(document, _ => OpenApiContract.SignedIn);

        Assert.True(OpenApiContract.Operations(document).Count() >= 10, "the document lists too few operations");
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }
}
