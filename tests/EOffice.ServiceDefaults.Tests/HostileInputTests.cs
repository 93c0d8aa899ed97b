using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace EOffice.ServiceDefaults.Tests;

public sealed class HostileInputTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_NUL_in_a_JSON_string_is_a_400_naming_the_field_and_nothing_is_stored()
    {
        var before = await host.Db.ExecuteScalarAsync<int>("select count(*)::int from pings");

        var response = await host.Http.PostAsync("/pings", new StringContent("{\"note\": \"a\\u0000b\", \"count\": 1}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Contains("NUL", problem.GetProperty("errors").GetProperty("note")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await host.Db.ExecuteScalarAsync<int>("select count(*)::int from pings"));
    }

    [Theory]
    [InlineData("/search?q=a%00b", "q")]
    [InlineData("/search?count=1&q=%00", "q")]
    [InlineData("/raw?q=%00", "q")]
    public async Task A_NUL_in_a_query_value_is_a_400_naming_the_parameter(string path, string field)
    {
        var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemOf(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_body_is_a_400()
    {
        using var content = new ByteArrayContent([.. "{\"note\": \""u8, 0xC3, 0x28, .. "\", \"count\": 1}"u8]);
        content.Headers.ContentType = new("application/json");

        var response = await host.Http.PostAsync("/pings", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData("application/pdf")]
    [InlineData("image/png")]
    public async Task A_problem_is_written_as_JSON_whatever_the_Accept_header(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/pings/{Guid.NewGuid()}");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-found", (await ProblemOf(response)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/search?count=many", HttpStatusCode.BadRequest)]
    [InlineData("/search?count=99999999999999", HttpStatusCode.BadRequest)]
    public async Task A_value_of_the_wrong_type_is_named_in_words_not_NET_types(string path, HttpStatusCode expected)
    {
        var response = await host.Http.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Int32", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", text, StringComparison.Ordinal);
        Assert.DoesNotContain("int? count", text, StringComparison.Ordinal);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Contains("whole number", (await ProblemOf(response)).GetProperty("errors").GetProperty("count")[0].GetString(), StringComparison.Ordinal);
        }
    }
}
