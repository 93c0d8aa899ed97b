using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EOffice.Testing;

namespace EOffice.EndToEnd.Tests;

/// <summary>
/// Correspondence's "done when" scenario through the gateway only: a staff member drafts a letter to
/// another agency's head with an attachment, a reviewer approves, the signer signs, it is sent, the
/// addressee finds it in the inbox with the attachment and reads it, the sender sees the read receipt
/// and the whole timeline, and the verification code checks out anonymously.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CorrespondenceScenarioTests(PlatformFixture platform)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task A_letter_is_drafted_reviewed_signed_sent_read_and_verified_through_the_gateway()
    {
        if (!platform.StartedServices.Contains("correspondence"))
        {
            throw new InvalidOperationException("Correspondence is not built; the scenario needs it.");
        }

        using var admin = platform.As(await platform.LoginAsync("admin@eoffice.local"));
        var positions = await admin.PositionsByTitleAsync();
        using var drafter = platform.As(await platform.LoginAsync("199512042020121003")); // Fajar Nugroho, by NIP
        using var reviewer = platform.As(await platform.LoginAsync("lina.marlina@eoffice.local"));
        using var signer = platform.As(await platform.LoginAsync("yusuf.maulana@eoffice.local"));
        using var addressee = platform.As(await platform.LoginAsync("imam.santoso@eoffice.local"));

        var created = await drafter.PostJsonAsync("/api/letters", new
        {
            type = "Surat Dinas",
            subject = "Permohonan data pegawai untuk aplikasi kepegawaian",
            summary = "Permohonan data",
            body = "Dengan hormat, mohon dikirimkan data pegawai.",
            classificationCode = "800.1",
            security = "Biasa",
            urgency = "Segera",
            to = new[] { new { positionId = positions["Kepala Badan Kepegawaian dan Pengembangan SDM"] } },
            cc = Array.Empty<object>(),
            reviewers = new[] { positions["Kepala Seksi Pengembangan Aplikasi"] },
            signerPositionId = positions["Kepala Bidang Aplikasi Informatika"],
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var upload = await drafter.PostAsync(new Uri($"/api/letters/{id}/attachments", UriKind.Relative),
            new MultipartFormDataContent { { file, "file", "lampiran.pdf" } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await drafter.PostJsonAsync($"/api/letters/{id}/submit", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostJsonAsync($"/api/letters/{id}/review", new { decision = "approve" })).StatusCode);
        var signed = await signer.PostJsonAsync($"/api/letters/{id}/sign", new { password = PlatformFixture.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var signature = await signed.ReadJsonAsync();
        Assert.Matches(@"^800\.1/\d+/DISKOMINFO-APTIKA/20\d\d$", signature.Text("number"));
        Assert.Equal(HttpStatusCode.OK, (await signer.PostJsonAsync($"/api/letters/{id}/send", new { })).StatusCode);

        var inbox = await addressee.GetJsonAsync("/api/mailbox/inbox");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        var letter = await addressee.GetJsonAsync($"/api/letters/{id}");
        var attachment = letter.GetProperty("attachments")[0].GetProperty("id").GetGuid();
        Assert.Equal(Pdf, await addressee.GetByteArrayAsync(new Uri($"/api/letters/{id}/attachments/{attachment}", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.OK, (await addressee.PostJsonAsync($"/api/letters/{id}/read", new { })).StatusCode);

        var seen = await drafter.GetJsonAsync($"/api/letters/{id}");
        Assert.Contains(seen.GetProperty("recipients").EnumerateArray(), r => r.GetProperty("readAt").ValueKind == JsonValueKind.String);
        var timeline = (await drafter.GetJsonAsync($"/api/letters/{id}/timeline")).GetProperty("items").EnumerateArray()
            .Select(e => e.Text("action")).ToList();
        Assert.Equal(["drafted", "attachment-added", "submitted", "reviewed", "signed", "sent", "delivered", "read"], timeline);

        var verified = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/verify/{signature.Text("verificationCode")}");
        Assert.True(verified.GetProperty("valid").GetBoolean());
        Assert.Equal(signature.Text("number"), verified.Text("number"));
        Assert.Equal("Permohonan data pegawai untuk aplikasi kepegawaian", verified.Text("subject"));

        var sent = await drafter.GetJsonAsync("/api/mailbox/sent");
        Assert.Contains(sent.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
    }
}
