using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Correspondence.Tests;

/// <summary>Correspondence's share of a position's pending work (internal, for Directory before a transfer).</summary>
public sealed class PendingLettersTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    private async Task<HttpResponseMessage> PendingAsync(string title, string? key = "test-internal-key")
    {
        using var client = f.Service.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/internal/positions/{f.Position(title)}/pending");
        if (key is not null)
        {
            request.Headers.Add("X-EOffice-Internal-Key", key);
        }

        return await client.SendAsync(request);
    }

    private async Task<JsonElement> PartAsync(string title)
    {
        var response = await PendingAsync(title);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Each_position_is_told_its_drafts_reviews_signatures_and_unread_letters_and_secret_subjects_stay_hidden()
    {
        var draft = await f.CreateAsync(f.Draft(security: "Rahasia", subject: "Konsep rahasia"));
        var inReview = await f.CreateAsync(f.Draft(subject: "Menunggu telaah"));
        var toSign = await f.CreateAsync(f.Draft(subject: "Menunggu tanda tangan", withReviewer: false));
        var sent = await f.CreateAsync(f.Draft(subject: "Surat terkirim"));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        (await drafter.PostAsync($"/api/letters/{inReview}/submit", null)).EnsureSuccessStatusCode();
        (await drafter.PostAsync($"/api/letters/{toSign}/submit", null)).EnsureSuccessStatusCode();
        await f.SendAsync(sent);

        var drafterPart = await PartAsync("Pranata Komputer Ahli Pertama");
        var reviewerPart = await PartAsync("Kepala Seksi Pengembangan Aplikasi");
        var signerPart = await PartAsync("Kepala Bidang Aplikasi Informatika");
        var addresseePart = await PartAsync("Kepala Dinas Kependudukan dan Pencatatan Sipil");

        Assert.Equal(1, drafterPart.GetProperty("counts").GetProperty("drafts").GetInt32());
        var draftItem = Assert.Single(drafterPart.GetProperty("items").EnumerateArray());
        Assert.Equal(draft, draftItem.GetProperty("letterId").GetGuid());
        Assert.Equal("Rahasia", draftItem.GetProperty("security").GetString());
        Assert.Equal(JsonValueKind.Null, draftItem.GetProperty("subject").ValueKind);
        Assert.Equal(1, reviewerPart.GetProperty("counts").GetProperty("toReview").GetInt32());
        Assert.Equal(1, signerPart.GetProperty("counts").GetProperty("toSign").GetInt32());
        Assert.Equal(0, signerPart.GetProperty("counts").GetProperty("toSend").GetInt32());
        Assert.Contains(signerPart.GetProperty("items").EnumerateArray(),
            i => i.GetProperty("kind").GetString() == "toSign" && i.GetProperty("letterId").GetGuid() == toSign && i.GetProperty("subject").GetString() == "Menunggu tanda tangan");
        Assert.Equal(1, addresseePart.GetProperty("counts").GetProperty("unreadIncoming").GetInt32());

        using var addressee = await f.As(CorrespondenceFixture.Addressee);
        (await addressee.PostAsync($"/api/letters/{sent}/read", null)).EnsureSuccessStatusCode();
        Assert.Equal(0, (await PartAsync("Kepala Dinas Kependudukan dan Pencatatan Sipil")).GetProperty("counts").GetProperty("unreadIncoming").GetInt32());
    }

    [Fact]
    public async Task The_pending_letters_of_a_position_need_the_internal_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await PendingAsync("Kepala Seksi Pengembangan Aplikasi", key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PendingAsync("Kepala Seksi Pengembangan Aplikasi", key: "wrong-key")).StatusCode);
    }
}
