using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Correspondence;
using EOffice.Testing;

namespace EOffice.Correspondence.Tests;

/// <summary>Real Directory and real Correspondence on a throwaway database and virtual host.</summary>
public class CorrespondenceFixture : ServiceFixture<CorrespondenceApp>
{
    public const string Issuer = "http://eoffice.test";

    // The demo city's people (see DemoCity.cs): a drafter, their section head (reviewer) and division head (signer)
    // in Diskominfo; the head of Disdukcapil (addressee); the Plt of Disdukcapil's secretary (cc, acting holder);
    // Diskominfo's secretariat; a stranger in BKPSDM.
    public const string Drafter = "fajar.nugroho@eoffice.local";
    public const string Reviewer = "lina.marlina@eoffice.local";
    public const string Signer = "yusuf.maulana@eoffice.local";
    public const string Addressee = "nurul.hidayah@eoffice.local";
    public const string ActingCc = "wahyuni.pratiwi@eoffice.local";
    public const string Secretariat = "putri.anggraini@eoffice.local";
    public const string Stranger = "dimas.aditya@eoffice.local";
    public const string AddresseeSecretariat = "ahmad.fauzi@eoffice.local";

    protected override string Schema => "correspondence";

    protected virtual long MaxAttachmentBytes => 64 * 1024;

    protected override void Configure(Dictionary<string, string?> settings) =>
        settings["Correspondence:Attachments:MaxBytes"] = MaxAttachmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A draft from <see cref="Drafter"/> to the addressee (cc the acting holder), reviewed by the section head, signed by the division head.</summary>
    public object Draft(string security = "Biasa", string subject = "Undangan rapat koordinasi kota cerdas", bool withReviewer = true, string? signerTitle = null) => new
    {
        type = "Surat Dinas",
        subject,
        summary = "Rapat koordinasi pelaksanaan SPBE",
        body = "Dengan hormat, kami mengundang Bapak/Ibu pada rapat koordinasi **kota cerdas**.",
        classificationCode = "000.1.2",
        security,
        urgency = "Segera",
        to = new[] { new { positionId = Position("Kepala Dinas Kependudukan dan Pencatatan Sipil") } },
        cc = new[] { new { positionId = Position("Sekretaris Dinas Kependudukan dan Pencatatan Sipil") } },
        reviewers = withReviewer ? new[] { Position("Kepala Seksi Pengembangan Aplikasi") } : Array.Empty<Guid>(),
        signerPositionId = Position(signerTitle ?? "Kepala Bidang Aplikasi Informatika"),
    };

    /// <summary>Creates a draft; returns its id.</summary>
    public async Task<Guid> CreateAsync(object draft, string drafter = Drafter)
    {
        using var client = await As(drafter);
        var response = await client.PostAsJsonAsync("/api/letters", draft);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Takes a draft through review and signature; returns the sign response.</summary>
    public async Task<JsonElement> SignAsync(Guid id, bool withReview = true)
    {
        using var drafter = await As(Drafter);
        using var reviewer = await As(Reviewer);
        using var signer = await As(Signer);
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        if (withReview)
        {
            (await reviewer.PostAsJsonAsync($"/api/letters/{id}/review", new { decision = "approve" })).EnsureSuccessStatusCode();
        }

        var signed = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = Password });
        signed.EnsureSuccessStatusCode();
        return await signed.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Takes a draft all the way to Sent.</summary>
    public async Task<JsonElement> SendAsync(Guid id, bool withReview = true)
    {
        var signed = await SignAsync(id, withReview);
        using var signer = await As(Signer);
        (await signer.PostAsync($"/api/letters/{id}/send", null)).EnsureSuccessStatusCode();
        return signed;
    }
}
