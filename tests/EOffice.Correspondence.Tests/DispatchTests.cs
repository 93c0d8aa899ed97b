using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EOffice.Testing;
using MimeKit;

namespace EOffice.Correspondence.Tests;

/// <summary>Correspondence with e-mail on, pointed at an in-test SMTP sink (retries after one second, doubling).</summary>
public sealed class DispatchFixture : CorrespondenceFixture
{
    public SmtpSink Smtp { get; } = new();

    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Notification:Email:Enabled"] = "true";
        settings["Notification:Email:Host"] = "127.0.0.1";
        settings["Notification:Email:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Notification:Email:Security"] = "None";
        settings["Notification:Email:From"] = "Diskominfo Depok <no-reply@depok.go.id>";
        settings["Notification:Email:RetryDelay"] = "00:00:01";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>A Surat Dinas from the drafter to one external institution (and optionally an event, for a Surat Undangan).</summary>
    public object ExternalDraft(string name, string? email, string security = "Biasa", string type = "Surat Dinas", object? evt = null, string? address = "Jl. Harsono RM No. 70, Ragunan, Jakarta Selatan") => new
    {
        type,
        subject = "Permohonan narasumber kota cerdas",
        summary = "Permohonan narasumber",
        body = "Dengan hormat, kami mengundang Bapak/Ibu sebagai narasumber.",
        classificationCode = "000.1.2",
        security,
        urgency = "Biasa",
        to = new[] { new { external = new { name, address, email } } },
        reviewers = Array.Empty<Guid>(),
        signerPositionId = Position("Kepala Bidang Aplikasi Informatika"),
        @event = evt,
    };
}

/// <summary>Letters to institutions outside the city: by e-mail with the signed PDF, or on the secretariat's paper list.</summary>
public sealed class DispatchTests(DispatchFixture f) : IClassFixture<DispatchFixture>
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private async Task<JsonElement> LetterAsync(Guid id, string who = CorrespondenceFixture.Signer)
    {
        using var client = await f.As(who);
        return await client.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");
    }

    private async Task<JsonElement> DispatchOfAsync(Guid id) => (await LetterAsync(id)).GetProperty("dispatch")[0];

    private async Task<byte[]> DocumentAsync(Guid id)
    {
        using var signer = await f.As(CorrespondenceFixture.Signer);
        return await signer.GetByteArrayAsync($"/api/letters/{id}/document");
    }

    private MimeMessage? MailTo(string address) =>
        f.Smtp.Messages.Where(m => m.To.Contains(address)).Select(m => MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(m.Data)))).FirstOrDefault();

    private static async Task<JsonElement> ListAsync(HttpClient client, string state)
    {
        var response = await client.GetAsync($"/api/dispatch?state={state}&limit=200");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static bool Lists(JsonElement page, string name) => page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("name").GetString() == name);

    [Fact]
    public async Task An_external_addressee_with_email_receives_the_signed_PDF_byte_for_byte_and_the_verification_link()
    {
        var tag = Tag();
        var address = $"tu-{tag}@bssn.example";
        var name = $"Kepala Badan Siber dan Sandi Negara {tag}";
        var id = await f.CreateAsync(f.ExternalDraft(name, address));
        var signed = await f.SendAsync(id, withReview: false);
        var code = signed.GetProperty("verificationCode").GetString()!;

        await Eventually.HoldsAsync(() => Task.FromResult(MailTo(address) is not null), "the letter reached the SMTP sink");
        var mail = MailTo(address)!;
        var pdf = await DocumentAsync(id);
        var attachment = Assert.Single(mail.Attachments.OfType<MimePart>());
        using var bytes = new MemoryStream();
        await attachment.Content!.DecodeToAsync(bytes);

        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        Assert.Equal(pdf, bytes.ToArray());
        Assert.Contains($"{CorrespondenceFixture.Issuer}/verify/{code}", mail.TextBody);
        Assert.Contains(signed.GetProperty("number").GetString()!, mail.Subject);
        Assert.Contains("no-reply@depok.go.id", mail.From.ToString());
        await Eventually.HoldsAsync(async () => (await DispatchOfAsync(id)).GetProperty("state").GetString() == "sent", "the dispatch shows sent");
        var dispatch = await DispatchOfAsync(id);
        Assert.Equal("email", dispatch.GetProperty("method").GetString());
        Assert.Equal(address, dispatch.GetProperty("email").GetString());
        Assert.Equal(1, dispatch.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.String, dispatch.GetProperty("at").ValueKind);

        var words = await PdfTools.WordsAsync(pdf);
        Assert.Contains("Yth. " + name, words);
        Assert.Contains("Jl. Harsono RM No. 70, Ragunan, Jakarta Selatan", words);

        using var signer = await f.As(CorrespondenceFixture.Signer);
        var timeline = await signer.GetFromJsonAsync<JsonElement>($"/api/letters/{id}/timeline");
        var actions = timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("dispatch-queued", actions);
        Assert.Contains("dispatched", actions);
    }

    [Fact]
    public async Task While_the_mail_server_is_down_the_dispatch_fails_with_its_reason_and_is_retried_and_sent_when_it_is_back()
    {
        var tag = Tag();
        var address = $"sekretariat-{tag}@kemendagri.example";
        f.Smtp.Down = true;
        try
        {
            var id = await f.CreateAsync(f.ExternalDraft($"Sekretaris Jenderal Kementerian Dalam Negeri {tag}", address));
            await f.SendAsync(id, withReview: false);

            await Eventually.HoldsAsync(async () => (await DispatchOfAsync(id)).GetProperty("state").GetString() == "failed", "the dispatch shows failed");
            var failed = await DispatchOfAsync(id);
            Assert.Contains("Service not available", failed.GetProperty("lastError").GetString());
            Assert.True(failed.GetProperty("attempts").GetInt32() >= 1);
            Assert.Equal(JsonValueKind.String, failed.GetProperty("nextAttemptAt").ValueKind);
            Assert.Null(MailTo(address));

            f.Smtp.Down = false;
            await Eventually.HoldsAsync(async () => (await DispatchOfAsync(id)).GetProperty("state").GetString() == "sent", "the retried dispatch shows sent");
            Assert.NotNull(MailTo(address));
            var sent = await DispatchOfAsync(id);
            Assert.True(sent.GetProperty("attempts").GetInt32() >= 2);
        }
        finally
        {
            f.Smtp.Down = false;
        }
    }

    [Fact]
    public async Task An_addressee_without_email_is_on_the_paper_list_of_the_sending_secretariat_only_and_is_marked_dispatched_with_the_tracking_number()
    {
        var tag = Tag();
        var name = $"Ketua DPRD Kota Depok {tag}";
        var id = await f.CreateAsync(f.ExternalDraft(name, email: null));
        await f.SendAsync(id, withReview: false);
        using var secretariat = await f.As(CorrespondenceFixture.Secretariat);
        using var otherSecretariat = await f.As(CorrespondenceFixture.AddresseeSecretariat);
        using var stranger = await f.As(CorrespondenceFixture.Stranger);

        var pending = await ListAsync(secretariat, "pending");
        var item = pending.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);
        var dispatchId = item.GetProperty("id").GetGuid();
        Assert.Equal("paper", item.GetProperty("method").GetString());
        Assert.Equal(id, item.GetProperty("letterId").GetGuid());
        Assert.Equal("pending", (await DispatchOfAsync(id)).GetProperty("state").GetString());
        Assert.False(Lists(await ListAsync(otherSecretariat, "pending"), name));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/api/dispatch?state=pending")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.GetAsync("/api/dispatch?state=lost")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await otherSecretariat.PostAsJsonAsync($"/api/dispatch/{dispatchId}/dispatched", new { courier = "Pos Indonesia" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await stranger.PostAsJsonAsync($"/api/dispatch/{dispatchId}/dispatched", new { courier = "Pos Indonesia" })).StatusCode);

        var marked = await secretariat.PostAsJsonAsync($"/api/dispatch/{dispatchId}/dispatched",
            new { courier = "Pos Indonesia", trackingNumber = "RR123456789ID", note = "Kilat khusus" });
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);

        var dispatched = await ListAsync(secretariat, "dispatched");
        var done = dispatched.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == dispatchId);
        Assert.Equal("RR123456789ID", done.GetProperty("trackingNumber").GetString());
        Assert.Equal("Pos Indonesia", done.GetProperty("courier").GetString());
        Assert.False(string.IsNullOrEmpty(done.GetProperty("dispatchedBy").GetString()));
        Assert.False(Lists(await ListAsync(secretariat, "pending"), name));
        var view = await DispatchOfAsync(id);
        Assert.Equal("dispatched", view.GetProperty("state").GetString());
        Assert.Equal("RR123456789ID", view.GetProperty("trackingNumber").GetString());
        Assert.Equal(HttpStatusCode.Conflict,
            (await secretariat.PostAsJsonAsync($"/api/dispatch/{dispatchId}/dispatched", new { courier = "Pos Indonesia" })).StatusCode);
    }

    [Fact]
    public async Task A_secret_letter_goes_on_paper_even_to_an_addressee_with_email()
    {
        var tag = Tag();
        var address = $"rahasia-{tag}@bssn.example";
        var id = await f.CreateAsync(f.ExternalDraft($"Kepala BSSN {tag}", address, security: "Rahasia"));
        await f.SendAsync(id, withReview: false);

        var dispatch = await DispatchOfAsync(id);
        Assert.Equal("paper", dispatch.GetProperty("method").GetString());
        Assert.Equal("pending", dispatch.GetProperty("state").GetString());
        using var secretariat = await f.As(CorrespondenceFixture.Secretariat);
        var item = (await ListAsync(secretariat, "pending")).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("letterId").GetGuid() == id);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("subject").ValueKind);
        Assert.Null(MailTo(address));
    }

    [Fact]
    public async Task A_Surat_Undangan_prints_the_day_date_time_and_place_of_its_event()
    {
        var tag = Tag();
        var evt = new { date = "2026-12-09", startTime = "09:00", place = $"Ruang Rapat Balai Kota Depok {tag}", agenda = "Koordinasi kota cerdas" };
        var id = await f.CreateAsync(f.ExternalDraft($"Kepala Dinas Kominfo Provinsi Jawa Barat {tag}", null, type: "Surat Undangan", evt: evt));
        var view = await LetterAsync(id);
        Assert.Equal("09:00", view.GetProperty("event").GetProperty("startTime").GetString());

        await f.SendAsync(id, withReview: false);
        var words = await PdfTools.WordsAsync(await DocumentAsync(id));

        Assert.Contains("hari, tanggal : Rabu, 9 Desember 2026", words);
        Assert.Contains("pukul : 09.00 WIB s.d. selesai", words);
        Assert.Contains($"tempat : Ruang Rapat Balai Kota Depok {tag}", words);
        Assert.Contains("acara : Koordinasi kota cerdas", words);
        Assert.Contains($"Kepala Dinas Kominfo Provinsi Jawa Barat {tag}", words);
    }

    [Theory]
    [InlineData(null, "event")]
    [InlineData("{\"date\":\"2026-12-09\",\"startTime\":\"09:00\"}", "event.place")]
    [InlineData("{\"date\":\"2026-12-09\",\"startTime\":\"9 pagi\",\"place\":\"Aula\"}", "event.startTime")]
    [InlineData("{\"startTime\":\"09:00\",\"place\":\"Aula\"}", "event.date")]
    [InlineData("{\"date\":\"2026-12-09\",\"startTime\":\"10:00\",\"endTime\":\"09:00\",\"place\":\"Aula\"}", "event.endTime")]
    public async Task A_Surat_Undangan_without_a_complete_event_is_refused_naming_the_field(string? evt, string field)
    {
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        var draft = f.ExternalDraft("Kepala Dinas Pendidikan", null, type: "Surat Undangan",
            evt: evt is null ? null : JsonSerializer.Deserialize<JsonElement>(evt));
        var response = await drafter.PostAsJsonAsync("/api/letters", draft);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
