using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Correspondence.Tests;

/// <summary>An acting holder (Plt/Plh) signs and sends as "Plt. &lt;title&gt;", and stays so named after the acting period.</summary>
public sealed class ActingSignerTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    private const string Title = "Sekretaris Dinas Kependudukan dan Pencatatan Sipil";
    private const string AsPlt = "Plt. " + Title;
    private const string Staff = CorrespondenceFixture.AddresseeSecretariat;
    private const string Plt = CorrespondenceFixture.ActingCc;

    private async Task<(Guid Id, string Code)> SignedByThePltAsync(string subject)
    {
        var id = await f.CreateAsync(new
        {
            type = "Nota Dinas",
            subject,
            summary = "Laporan",
            body = "Laporan pelaksanaan tugas.",
            classificationCode = "000",
            security = "Biasa",
            urgency = "Biasa",
            to = new[] { new { positionId = f.Position("Kepala Dinas Kependudukan dan Pencatatan Sipil") } },
            cc = Array.Empty<object>(),
            reviewers = Array.Empty<Guid>(),
            signerPositionId = f.Position(Title),
        }, Staff);
        using var drafter = await f.As(Staff);
        using var plt = await f.As(Plt);
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        var signed = await plt.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        return (id, (await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verificationCode").GetString()!);
    }

    private static JsonElement Entry(JsonElement timeline, string action) =>
        timeline.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("action").GetString() == action);

    [Fact]
    public async Task An_acting_holder_is_named_Plt_on_verify_the_letter_the_timeline_and_the_inbox()
    {
        var (id, code) = await SignedByThePltAsync("Laporan pelaksana tugas");
        using var plt = await f.As(Plt);
        (await plt.PostAsync($"/api/letters/{id}/send", null)).EnsureSuccessStatusCode();
        using var anonymous = f.Service.CreateClient();
        using var head = await f.As(CorrespondenceFixture.Addressee);

        var verified = await anonymous.GetFromJsonAsync<JsonElement>($"/verify/{code}");
        var letter = await plt.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");
        var timeline = await plt.GetFromJsonAsync<JsonElement>($"/api/letters/{id}/timeline");
        var inbox = await head.GetFromJsonAsync<JsonElement>("/api/mailbox/inbox?q=pelaksana");

        Assert.Equal(AsPlt, verified.GetProperty("signerPosition").GetString());
        Assert.Equal("Wahyuni Pratiwi (" + AsPlt + ")", verified.GetProperty("signer").GetString());
        Assert.Equal("Plt", verified.GetProperty("signedAs").GetString());
        Assert.Equal(AsPlt, letter.GetProperty("signer").GetProperty("title").GetString());
        Assert.Equal("Plt", letter.GetProperty("signedAs").GetString());
        Assert.Equal(AsPlt, Entry(timeline, "signed").GetProperty("actor").GetProperty("title").GetString());
        Assert.Equal(AsPlt, Entry(timeline, "signed").GetProperty("detail").GetProperty("signer").GetString());
        Assert.Equal(AsPlt, Entry(timeline, "sent").GetProperty("actor").GetProperty("title").GetString());
        var signedEvent = await f.ScalarAsync<string>(
            "select payload ->> 'signerTitle' from correspondence.outbox where exchange = 'eoffice.letter-signed' and payload ->> 'letterId' = @id",
            new { id = id.ToString() });
        Assert.Equal(AsPlt, signedEvent);
        Assert.Equal(AsPlt, inbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("letterId").GetGuid() == id).GetProperty("from").GetString());
    }

    [Fact]
    public async Task A_letter_signed_by_a_Plt_still_says_so_after_the_acting_period_ends()
    {
        var (id, code) = await SignedByThePltAsync("Laporan sebelum masa Plt berakhir");
        using var drafter = await f.As(Staff);

        // The acting period ends: in the org-chart copy it ended the day before yesterday (restored afterwards for the other tests).
        var p = f.Position(Title);
        var until = await f.ScalarAsync<DateTime>("select max(to_date)::timestamp from correspondence.org_acting where position_id = @p", new { p });
        JsonElement verified, letter;
        try
        {
            await f.ScalarAsync<int>("update correspondence.org_acting set to_date = current_date - 2 where position_id = @p; select 1", new { p });
            using var anonymous = f.Service.CreateClient();
            verified = await anonymous.GetFromJsonAsync<JsonElement>($"/verify/{code}");
            letter = await drafter.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");
        }
        finally
        {
            await f.ScalarAsync<int>("update correspondence.org_acting set to_date = @until::date where position_id = @p; select 1", new { p, until });
        }

        Assert.Equal(AsPlt, verified.GetProperty("signerPosition").GetString());
        Assert.Equal(AsPlt, letter.GetProperty("signer").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_holder_is_named_by_the_bare_title()
    {
        var id = await f.CreateAsync(f.Draft(subject: "Surat pejabat definitif"));
        var code = (await f.SignAsync(id)).GetProperty("verificationCode").GetString();
        using var anonymous = f.Service.CreateClient();

        var verified = await anonymous.GetFromJsonAsync<JsonElement>($"/verify/{code}");

        Assert.Equal("Yusuf Maulana", verified.GetProperty("signer").GetString());
        Assert.Equal("Kepala Bidang Aplikasi Informatika", verified.GetProperty("signerPosition").GetString());
        Assert.Equal(JsonValueKind.Null, verified.GetProperty("signedAs").ValueKind);
    }
}
