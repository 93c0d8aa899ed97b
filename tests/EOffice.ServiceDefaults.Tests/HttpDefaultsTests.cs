using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace EOffice.ServiceDefaults.Tests;

public sealed class HttpDefaultsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Missing_fields_get_problem_details_naming_each_field_and_change_nothing()
    {
        var before = await host.Db.ExecuteScalarAsync<int>("select count(*)::int from pings");

        var response = await host.Http.PostAsJsonAsync("/pings", new { note = "", count = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty("note", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("count", out _));
        Assert.Equal("validation", problem.GetProperty("code").GetString());
        Assert.Equal(before, await host.Db.ExecuteScalarAsync<int>("select count(*)::int from pings"));
    }

    [Theory]
    [InlineData("{\"note\":")]
    [InlineData("{\"note\": \"x\", \"count\": \"many\"}")]
    [InlineData("not json")]
    public async Task Malformed_json_is_a_400_with_problem_details_not_a_500(string body)
    {
        var response = await host.Http.PostAsync("/pings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task A_wrongly_typed_field_is_named_in_the_errors()
    {
        var response = await host.Http.PostAsync("/pings", new StringContent("{\"note\": \"x\", \"count\": \"many\"}", Encoding.UTF8, "application/json"));

        var problem = await ProblemOf(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty("count", out _));
    }

    [Fact]
    public async Task An_unexpected_error_is_a_500_problem_that_reveals_no_internals()
    {
        var response = await host.Http.GetAsync("/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret internals", text, StringComparison.Ordinal);
        Assert.Contains("requestId", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_need_a_token_unless_marked_anonymous()
    {
        var response = await host.Http.GetAsync("/secured");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_answer_ready_checks_the_database_not_the_broker_and_the_full_report_has_both()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/health/live")).StatusCode);
        var ready = await host.Http.GetFromJsonAsync<JsonElement>("/health/ready");
        var checks = ready.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgres").GetProperty("status").GetString());
        // Events wait in the outbox while the broker is away: a broker outage must not take the service out of rotation.
        Assert.DoesNotContain(checks.EnumerateObject(), c => c.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));

        var all = (await host.Http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("checks");
        Assert.True(all.TryGetProperty("postgres", out _));
        Assert.Contains(all.EnumerateObject(), c => c.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_request_id_is_returned_and_a_callers_one_is_kept()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Request-Id", "abc-123");
        var response = await host.Http.SendAsync(request);
        Assert.Equal("abc-123", response.Headers.GetValues("X-Request-Id").Single());
    }
}
