using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Correspondence.Tests;

/// <summary>Someone acting for a second position (Plt/Plh) drafts as it when they choose; never as a position they do not hold.</summary>
public sealed class DraftingAsActingTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    private const string Acting = "Sekretaris Dinas Kependudukan dan Pencatatan Sipil";

    private object Draft(Guid? drafterPositionId) => new
    {
        type = "Nota Dinas",
        subject = "Laporan pelaksanaan pelayanan",
        summary = "Laporan",
        body = "Laporan bulanan.",
        classificationCode = "000",
        security = "Biasa",
        urgency = "Biasa",
        to = new[] { new { positionId = f.Position("Kepala Dinas Kependudukan dan Pencatatan Sipil") } },
        cc = Array.Empty<object>(),
        reviewers = Array.Empty<Guid>(),
        signerPositionId = f.Position("Kepala Dinas Kependudukan dan Pencatatan Sipil"),
        drafterPositionId,
    };

    [Fact]
    public async Task An_acting_holder_drafts_as_the_position_they_act_for_when_they_say_so()
    {
        using var plt = await f.As(CorrespondenceFixture.ActingCc);

        var created = await plt.PostAsJsonAsync("/api/letters", Draft(f.Position(Acting)));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var letter = await plt.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");
        var own = await plt.PostAsJsonAsync("/api/letters", Draft(null));
        var ownLetter = await plt.GetFromJsonAsync<JsonElement>($"/api/letters/{(await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(Acting, letter.GetProperty("drafter").GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal("Kepala Bidang Pelayanan Pendaftaran Penduduk", ownLetter.GetProperty("drafter").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Drafting_as_a_position_one_does_not_hold_is_a_400_naming_the_field_and_creates_nothing()
    {
        using var staff = await f.As(CorrespondenceFixture.Drafter);
        var before = await f.ScalarAsync<long>("select count(*) from correspondence.letters");

        var response = await staff.PostAsJsonAsync("/api/letters", Draft(f.Position(Acting)));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("drafterPositionId", out _));
        Assert.Equal(before, await f.ScalarAsync<long>("select count(*) from correspondence.letters"));
    }
}
