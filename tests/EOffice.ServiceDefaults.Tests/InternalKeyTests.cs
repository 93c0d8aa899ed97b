using EOffice.ServiceDefaults.Auth;

namespace EOffice.ServiceDefaults.Tests;

public sealed class InternalKeyTests
{
    private static WebApplicationBuilder Service(string environment, string? key)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ApplicationName = typeof(InternalKeyTests).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Internal:Key"] = key });
        return builder;
    }

    [Theory]
    [InlineData("Production", "eoffice-internal-dev-key")]
    [InlineData("Production", "change-me-internal-key")]
    [InlineData("Production", "")]
    [InlineData("Production", null)]
    [InlineData("Staging", "eoffice-internal-dev-key")]
    public void A_service_outside_development_refuses_to_start_with_no_key_or_the_published_one(string environment, string? key)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Service(environment, key).AddInternalKey());

        Assert.Contains("Internal__Key", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", "eoffice-internal-dev-key")]
    [InlineData("Testing", "eoffice-internal-dev-key")]
    [InlineData("Production", "k2V9u0x4QnS1m8yBfR7tJcW3pLzA6hE5")]
    public void A_service_starts_with_the_development_key_in_development_and_a_real_one_anywhere(string environment, string key)
    {
        var builder = Service(environment, key).AddInternalKey();
        using var app = builder.Build();

        var internalKey = app.Services.GetRequiredService<InternalKey>();
        var request = new DefaultHttpContext().Request;
        request.Headers[InternalKey.Header] = key;
        Assert.True(internalKey.IsPresentedBy(request));
        request.Headers[InternalKey.Header] = key + "x";
        Assert.False(internalKey.IsPresentedBy(request));
    }
}
