using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Disposition.Tests;

/// <summary>Disposition's share of a position's pending work (internal, for Directory before a transfer).</summary>
public sealed class PendingDispositionsTests(DispositionFixture f) : IClassFixture<DispositionFixture>
{
    private async Task<HttpResponseMessage> PendingAsync(Guid position, string? key = "test-internal-key")
    {
        using var client = f.Service.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/internal/positions/{position}/pending");
        if (key is not null)
        {
            request.Headers.Add("X-EOffice-Internal-Key", key);
        }

        return await client.SendAsync(request);
    }

    private async Task<JsonElement> PartAsync(Guid position)
    {
        var response = await PendingAsync(position);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<Guid> DisposeAsync(HttpClient head, Guid letter, Guid to)
    {
        var response = await head.PostAsJsonAsync($"/api/letters/{letter}/dispositions", new { to = new[] { to }, instructions = new[] { "Untuk ditindaklanjuti" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Open_dispositions_addressed_to_a_position_are_counted_until_completed_and_secret_subjects_stay_hidden()
    {
        var open = await f.ReceiveAsync(f.AgencyHeadPosition);
        var secret = await f.ReceiveAsync(f.AgencyHeadPosition, security: "Rahasia");
        var done = await f.ReceiveAsync(f.AgencyHeadPosition);
        using var head = await f.As(DispositionFixture.AgencyHead);
        using var division = await f.As(DispositionFixture.DivisionHead);
        var d1 = await DisposeAsync(head, open, f.DivisionHeadPosition);
        var d2 = await DisposeAsync(head, secret, f.DivisionHeadPosition);
        var d3 = await DisposeAsync(head, done, f.DivisionHeadPosition);
        Assert.Equal(HttpStatusCode.OK, (await division.PostAsync($"/api/dispositions/{d3}/complete", null)).StatusCode);

        var part = await PartAsync(f.DivisionHeadPosition);

        Assert.Equal(2, part.GetProperty("counts").GetProperty("openDispositions").GetInt32());
        var items = part.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("dispositionId").GetGuid());
        Assert.Equal([d1, d2], items.Keys.Order());
        Assert.Equal("Permintaan data implementasi SPBE", items[d1].GetProperty("subject").GetString());
        Assert.Equal(JsonValueKind.Null, items[d2].GetProperty("subject").ValueKind);
        Assert.Equal("Rahasia", items[d2].GetProperty("security").GetString());
        Assert.Equal(0, (await PartAsync(f.StaffPosition)).GetProperty("counts").GetProperty("openDispositions").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await PendingAsync(f.DivisionHeadPosition, key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PendingAsync(f.DivisionHeadPosition, key: "wrong-key")).StatusCode);
    }
}
