using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Correspondence.Tests;

/// <summary>Who may sign, enforced at draft, edit, submit and sign (400 on <c>signerPositionId</c>).</summary>
public sealed class SigningAuthorityTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    private const string DrafterTitle = "Pranata Komputer Ahli Pertama";
    private const string ColleagueTitle = "Pranata Komputer Terampil";
    private const string Colleague = "nadia.rahmawati@eoffice.local";

    private static async Task AssertRefusesSigner(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("signerPositionId", out _), problem.ToString());
    }

    [Theory]
    [InlineData(DrafterTitle)]
    [InlineData(ColleagueTitle)]
    [InlineData("Kepala Dinas Kependudukan dan Pencatatan Sipil")]
    [InlineData("Kepala Bidang Informasi dan Komunikasi Publik")]
    public async Task A_draft_cannot_name_staff_or_a_head_outside_the_drafters_chain_as_signer(string signerTitle)
    {
        using var drafter = await f.As(CorrespondenceFixture.Drafter);

        var response = await drafter.PostAsJsonAsync("/api/letters", f.Draft(withReviewer: false, signerTitle: signerTitle));

        await AssertRefusesSigner(response);
    }

    [Theory]
    [InlineData("Kepala Seksi Pengembangan Aplikasi")]
    [InlineData("Kepala Bidang Aplikasi Informatika")]
    [InlineData("Kepala Dinas Komunikasi dan Informatika")]
    [InlineData("Wali Kota Depok")]
    public async Task A_draft_may_name_the_head_of_the_drafters_unit_or_of_any_unit_above(string signerTitle)
    {
        using var drafter = await f.As(CorrespondenceFixture.Drafter);

        var response = await drafter.PostAsJsonAsync("/api/letters", f.Draft(withReviewer: false, signerTitle: signerTitle));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_head_signs_their_own_letter()
    {
        const string head = "Kepala Seksi Pengembangan Aplikasi";
        var id = await f.CreateAsync(f.Draft(withReviewer: false, signerTitle: head), CorrespondenceFixture.Reviewer);
        using var own = await f.As(CorrespondenceFixture.Reviewer);

        (await own.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        var signed = await own.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password });

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }

    [Fact]
    public async Task An_edit_cannot_make_the_drafter_their_own_signer()
    {
        var id = await f.CreateAsync(f.Draft(subject: "Tanda tangan sendiri"));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        var current = await drafter.GetAsync($"/api/letters/{id}");
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/letters/{id}")
        {
            Content = JsonContent.Create(f.Draft(subject: "Tanda tangan sendiri", withReviewer: false, signerTitle: DrafterTitle)),
        };
        edit.Headers.IfMatch.Add(current.Headers.ETag!);

        await AssertRefusesSigner(await drafter.SendAsync(edit));
        var letter = await drafter.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");
        Assert.Equal(f.Position("Kepala Bidang Aplikasi Informatika"), letter.GetProperty("signer").GetProperty("positionId").GetGuid());
    }

    [Fact]
    public async Task Submitting_refuses_a_signer_who_may_not_sign()
    {
        // A draft from before the rule (or an org change since) names a colleague as signer.
        var id = await f.CreateAsync(f.Draft(withReviewer: false));
        await f.ScalarAsync<int>("update correspondence.letters set signer_position_id = @p where id = @id returning 1",
            new { id, p = f.Position(ColleagueTitle) });
        using var drafter = await f.As(CorrespondenceFixture.Drafter);

        await AssertRefusesSigner(await drafter.PostAsync($"/api/letters/{id}/submit", null));
        Assert.Equal("Draft", await f.ScalarAsync<string>("select status from correspondence.letters where id = @id", new { id }));
    }

    [Fact]
    public async Task Signing_refuses_a_signer_who_may_not_sign_and_uses_no_number()
    {
        var id = await f.CreateAsync(f.Draft(withReviewer: false, subject: "Nomor tanpa wewenang"));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        await f.ScalarAsync<int>("update correspondence.letters set signer_position_id = @p where id = @id returning 1",
            new { id, p = f.Position(ColleagueTitle) });
        using var colleague = await f.As(Colleague);

        await AssertRefusesSigner(await colleague.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password }));
        Assert.Null(await f.ScalarAsync<string?>("select number from correspondence.letters where id = @id", new { id }));
    }
}
