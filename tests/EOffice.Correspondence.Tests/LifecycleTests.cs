using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using EOffice.Testing;

namespace EOffice.Correspondence.Tests;

public sealed class LifecycleTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static MultipartFormDataContent File(byte[] bytes, string name, string type = "application/pdf")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { content, "file", name } };
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_letter_goes_from_draft_to_read_with_its_attachment_number_receipt_and_timeline()
    {
        var id = await f.CreateAsync(f.Draft());
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        var upload = await drafter.PostAsync($"/api/letters/{id}/attachments", File(Pdf, "lampiran.pdf"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), (await Json(upload)).GetProperty("sha256").GetString());

        var signed = await f.SendAsync(id);

        Assert.Matches(@"^000\.1\.2/\d+/DISKOMINFO-APTIKA/20\d\d$", signed.GetProperty("number").GetString());
        using var addressee = await f.As(CorrespondenceFixture.Addressee);
        var inbox = await addressee.GetFromJsonAsync<JsonElement>("/api/mailbox/inbox?unread=true");
        var item = Assert.Single(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.True(item.GetProperty("unread").GetBoolean());
        var letter = await addressee.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");
        var attachment = letter.GetProperty("attachments")[0].GetProperty("id").GetGuid();
        Assert.Equal(Pdf, await addressee.GetByteArrayAsync($"/api/letters/{id}/attachments/{attachment}"));

        Assert.Equal(HttpStatusCode.OK, (await addressee.PostAsync($"/api/letters/{id}/read", null)).StatusCode);

        var seen = await drafter.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");
        var to = seen.GetProperty("recipients").EnumerateArray().Single(r => !r.GetProperty("cc").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, to.GetProperty("deliveredAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, to.GetProperty("readAt").ValueKind);
        Assert.Equal("Sent", seen.GetProperty("status").GetString());
        var unreadAfter = await addressee.GetFromJsonAsync<JsonElement>("/api/mailbox/inbox?unread=true");
        Assert.DoesNotContain(unreadAfter.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        var timeline = await drafter.GetFromJsonAsync<JsonElement>($"/api/letters/{id}/timeline");
        var actions = timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["drafted", "attachment-added", "submitted", "reviewed", "signed", "sent", "delivered", "delivered", "read"],
            actions);
    }

    [Fact]
    public async Task A_returned_letter_goes_back_to_its_drafter_and_can_be_edited_and_resubmitted()
    {
        var id = await f.CreateAsync(f.Draft(subject: "Permohonan data"));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        using var reviewer = await f.As(CorrespondenceFixture.Reviewer);
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        var tasks = await reviewer.GetFromJsonAsync<JsonElement>("/api/mailbox/tasks");
        Assert.Contains(tasks.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        var withoutComment = await reviewer.PostAsJsonAsync($"/api/letters/{id}/review", new { decision = "return" });
        Assert.Equal(HttpStatusCode.BadRequest, withoutComment.StatusCode);
        var returned = await reviewer.PostAsJsonAsync($"/api/letters/{id}/review", new { decision = "return", comment = "Lengkapi dasar hukumnya." });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal("Draft", (await Json(returned)).GetProperty("status").GetString());
        await Eventually.HoldsAsync(async () => await f.ScalarAsync<int>(
            "select count(*)::int from correspondence.outbox where exchange = 'eoffice.letter-returned' and payload ->> 'letterId' = @id and sent_at is not null",
            new { id = id.ToString() }) == 1, "the return was published for the drafter");

        var current = await drafter.GetAsync($"/api/letters/{id}");
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/letters/{id}") { Content = JsonContent.Create(f.Draft(subject: "Permohonan data (revisi)")) };
        edit.Headers.IfMatch.Add(current.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await drafter.SendAsync(edit)).StatusCode);
        var signed = await f.SignAsync(id);

        Assert.False(string.IsNullOrEmpty(signed.GetProperty("number").GetString()));
        var letter = await drafter.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");
        Assert.Equal("Permohonan data (revisi)", letter.GetProperty("subject").GetString());
        Assert.Equal("approve", letter.GetProperty("reviews")[0].GetProperty("decision").GetString());
    }

    [Fact]
    public async Task A_stale_edit_gets_412_a_blind_one_428_and_a_wrong_state_409_and_nothing_changes()
    {
        var id = await f.CreateAsync(f.Draft(subject: "Konsep awal"));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        var loaded = await drafter.GetAsync($"/api/letters/{id}");
        var etag = loaded.Headers.ETag!;
        using var first = new HttpRequestMessage(HttpMethod.Put, $"/api/letters/{id}") { Content = JsonContent.Create(f.Draft(subject: "Edit pertama")) };
        first.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await drafter.SendAsync(first)).StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/letters/{id}") { Content = JsonContent.Create(f.Draft(subject: "Edit basi")) };
        stale.Headers.IfMatch.Add(etag);
        var staleResponse = await drafter.SendAsync(stale);
        var blind = await drafter.PutAsJsonAsync($"/api/letters/{id}", f.Draft(subject: "Tanpa ETag"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, staleResponse.StatusCode);
        Assert.Equal((HttpStatusCode)428, blind.StatusCode);
        Assert.Equal("Edit pertama", (await drafter.GetFromJsonAsync<JsonElement>($"/api/letters/{id}")).GetProperty("subject").GetString());

        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        var afterSubmit = await drafter.GetAsync($"/api/letters/{id}");
        using var late = new HttpRequestMessage(HttpMethod.Put, $"/api/letters/{id}") { Content = JsonContent.Create(f.Draft(subject: "Terlambat")) };
        late.Headers.IfMatch.Add(afterSubmit.Headers.ETag!);
        Assert.Equal(HttpStatusCode.Conflict, (await drafter.SendAsync(late)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await drafter.PostAsync($"/api/letters/{id}/submit", null)).StatusCode);
        using var signer = await f.As(CorrespondenceFixture.Signer);
        Assert.Equal(HttpStatusCode.Conflict, (await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await signer.PostAsync($"/api/letters/{id}/send", null)).StatusCode);
    }

    [Fact]
    public async Task Only_the_signer_signs_and_a_wrong_password_signs_nothing()
    {
        var id = await f.CreateAsync(f.Draft(withReviewer: false));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        using var signer = await f.As(CorrespondenceFixture.Signer);
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();

        var byDrafter = await drafter.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password });
        var wrong = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = "salah" });

        Assert.Equal(HttpStatusCode.Forbidden, byDrafter.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await Json(wrong)).GetProperty("errors").TryGetProperty("password", out _));
        var letter = await signer.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");
        Assert.Equal("InReview", letter.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, letter.GetProperty("number").ValueKind);
    }

    [Fact]
    public async Task Uploads_are_checked_by_size_and_content_not_by_name()
    {
        var id = await f.CreateAsync(f.Draft());
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
        var tooBig = Pdf.Concat(new byte[70 * 1024]).ToArray();

        var exe = await drafter.PostAsync($"/api/letters/{id}/attachments", File("MZ\x90\0not a pdf"u8.ToArray(), "surat.pdf"));
        var lying = await drafter.PostAsync($"/api/letters/{id}/attachments", File(png, "scan.pdf"));
        var big = await drafter.PostAsync($"/api/letters/{id}/attachments", File(tooBig, "besar.pdf"));
        var image = await drafter.PostAsync($"/api/letters/{id}/attachments", File(png, "scan.png", "application/octet-stream"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, exe.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, lying.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal(HttpStatusCode.Created, image.StatusCode);
        Assert.Equal("image/png", (await Json(image)).GetProperty("contentType").GetString());
        Assert.Equal(1, await f.ScalarAsync<int>("select count(*)::int from correspondence.attachments where letter_id = @id", new { id }));
    }

    [Theory]
    [InlineData("laporan.exe")]
    [InlineData("laporan.html")]
    [InlineData("laporan.svg")]
    [InlineData("laporan.pdf.exe")]
    [InlineData("laporan")]
    [InlineData("laporan\u202Efdp.exe")] // shows as "laporanexe.pdf"
    [InlineData("lapor\u202Efdp.pdf")]
    [InlineData("laporan\u2067.pdf")]
    public async Task A_pdf_whose_name_is_not_an_allowed_extension_or_hides_its_direction_is_refused_in_words(string name)
    {
        var id = await f.CreateAsync(f.Draft());
        using var drafter = await f.As(CorrespondenceFixture.Drafter);

        var upload = await drafter.PostAsync($"/api/letters/{id}/attachments", File(Pdf, name));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, upload.StatusCode);
        Assert.Equal("application/problem+json", upload.Content.Headers.ContentType?.MediaType);
        var detail = (await Json(upload)).GetProperty("detail").GetString();
        Assert.Matches("name|characters", detail!);
        Assert.Equal(0, await f.ScalarAsync<int>("select count(*)::int from correspondence.attachments where letter_id = @id", new { id }));
    }

    [Fact]
    public async Task Invisible_characters_are_dropped_from_the_stored_name_and_a_name_of_nothing_else_is_refused()
    {
        var id = await f.CreateAsync(f.Draft());
        using var drafter = await f.As(CorrespondenceFixture.Drafter);

        var upload = await drafter.PostAsync($"/api/letters/{id}/attachments", File(Pdf, "lap\u200Boran\u00AD.pdf"));
        var nameless = await drafter.PostAsync($"/api/letters/{id}/attachments", File(Pdf, "\u200B\u200C"));

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal("laporan.pdf", (await Json(upload)).GetProperty("fileName").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.True((await Json(nameless)).GetProperty("errors").TryGetProperty("file", out _), "the problem names the field 'file'");
        Assert.Equal(["laporan.pdf"], await f.QueryAsync<string>("select file_name from correspondence.attachments where letter_id = @id", new { id }));
    }

    [Fact]
    public async Task An_office_file_whose_mimetype_inflates_to_64_mb_is_refused_without_being_inflated_whole()
    {
        var id = await f.CreateAsync(f.Draft());
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        // Read whole, this would trim to the ODF mimetype and pass; its first bytes say it is no ODF mimetype entry.
        var bomb = AttachmentRuleTests.Zip(("mimetype", AttachmentRuleTests.Bomb(ServiceDefaults.Files.FileTypes.Odt)));

        var upload = await drafter.PostAsync($"/api/letters/{id}/attachments", File(bomb, "laporan.odt", "application/vnd.oasis.opendocument.text"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, upload.StatusCode);
        Assert.Equal(0, await f.ScalarAsync<int>("select count(*)::int from correspondence.attachments where letter_id = @id", new { id }));
    }

    /// <summary>Creates a draft with the subject, sent with an Idempotency-Key.</summary>
    private async Task<HttpResponseMessage> PostDraftAsync(HttpClient drafter, string subject, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/letters") { Content = JsonContent.Create(f.Draft(subject: subject)) };
        request.Headers.Add("Idempotency-Key", key);
        return await drafter.SendAsync(request);
    }

    [Fact]
    public async Task A_create_retried_with_the_same_idempotency_key_makes_one_letter()
    {
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        var subject = "Idempoten " + Guid.NewGuid().ToString("N")[..8];
        Task<HttpResponseMessage> Post() => PostDraftAsync(drafter, subject, "key-" + subject);

        var first = await Post();
        var retry = await Post();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await Json(first)).GetProperty("id").GetGuid(), (await Json(retry)).GetProperty("id").GetGuid());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(1, await f.ScalarAsync<int>("select count(*)::int from correspondence.letters where subject = @subject", new { subject }));
    }

    [Fact]
    public async Task A_retry_takes_over_at_once_from_a_request_whose_process_died_and_waits_while_one_is_running()
    {
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        var subject = "Idempoten " + Guid.NewGuid().ToString("N")[..8];
        Task<HttpResponseMessage> Post(string key) => PostDraftAsync(drafter, subject, key);

        Assert.Equal(HttpStatusCode.Created, (await Post("first-" + subject)).StatusCode);
        var userId = await f.ScalarAsync<Guid>("select user_id from correspondence.idempotency_keys where key = @key", new { key = "first-" + subject });

        // A process killed mid-request leaves its claim unfinished; its database session, and the lock, died with it.
        await f.ScalarAsync<int>(
            "insert into correspondence.idempotency_keys (user_id, key, method, path) values (@userId, @key, 'POST', '/api/letters') returning 1",
            new { userId, key = "died-" + subject });
        var retried = await Post("died-" + subject);

        // A request still running holds the lock: a retry is told so and changes nothing.
        await using (var running = await f.Database.OpenAsync())
        {
            await running.ExecuteScalarAsync<bool>(
                "select pg_try_advisory_lock(hashtextextended('eoffice.idempotency.' || @userId::text || '.' || @key, 0))",
                new { userId, key = "running-" + subject });
            var concurrent = await Post("running-" + subject);
            Assert.Equal(HttpStatusCode.Conflict, concurrent.StatusCode);
            Assert.Equal("idempotency-in-progress", (await Json(concurrent)).GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(2, await f.ScalarAsync<int>("select count(*)::int from correspondence.letters where subject = @subject", new { subject }));
    }

    [Fact]
    public async Task A_retry_after_the_work_was_committed_and_the_response_lost_is_told_so_and_creates_nothing()
    {
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        var subject = "Idempoten " + Guid.NewGuid().ToString("N")[..8];
        Task<HttpResponseMessage> Post(string key) => PostDraftAsync(drafter, subject, key);

        // The draft's transaction marks its key carried out; the response is kept after it.
        Assert.Equal(HttpStatusCode.Created, (await Post("kept-" + subject)).StatusCode);
        Assert.True(await f.ScalarAsync<bool>(
            "select committed and completed from correspondence.idempotency_keys where key = @key", new { key = "kept-" + subject }));
        var userId = await f.ScalarAsync<Guid>("select user_id from correspondence.idempotency_keys where key = @key", new { key = "kept-" + subject });

        // A process killed after its commit and before keeping the response leaves a committed, unfinished claim.
        await f.ScalarAsync<int>(
            "insert into correspondence.idempotency_keys (user_id, key, method, path, committed) values (@userId, @key, 'POST', '/api/letters', true) returning 1",
            new { userId, key = "lost-" + subject });
        var retried = await Post("lost-" + subject);

        Assert.Equal(HttpStatusCode.Conflict, retried.StatusCode);
        Assert.Equal("idempotency-response-lost", (await Json(retried)).GetProperty("code").GetString());
        Assert.Equal(1, await f.ScalarAsync<int>("select count(*)::int from correspondence.letters where subject = @subject", new { subject }));
    }

    [Fact]
    public async Task A_genuine_code_verifies_anonymously_and_a_forged_one_does_not()
    {
        var biasa = await f.CreateAsync(f.Draft("Biasa", "Undangan terbuka"));
        var rahasia = await f.CreateAsync(f.Draft("Rahasia", "Hasil audit internal"));
        var codeBiasa = (await f.SignAsync(biasa)).GetProperty("verificationCode").GetString();
        var codeRahasia = (await f.SignAsync(rahasia)).GetProperty("verificationCode").GetString();
        using var anonymous = f.Service.CreateClient();

        var genuine = await anonymous.GetFromJsonAsync<JsonElement>($"/verify/{codeBiasa}");
        var secret = await anonymous.GetFromJsonAsync<JsonElement>($"/verify/{codeRahasia!.ToLowerInvariant()}");
        var forged = await anonymous.GetAsync("/verify/FORGED123456");

        Assert.True(genuine.GetProperty("valid").GetBoolean());
        Assert.Equal("Undangan terbuka", genuine.GetProperty("subject").GetString());
        Assert.Equal("Yusuf Maulana", genuine.GetProperty("signer").GetString());
        Assert.True(secret.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, secret.GetProperty("subject").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.False((await Json(forged)).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_signed_letter_cannot_be_altered_even_in_the_database_and_an_altered_one_no_longer_verifies()
    {
        var id = await f.CreateAsync(f.Draft("Biasa", "Pengumuman seleksi"));
        var code = (await f.SignAsync(id)).GetProperty("verificationCode").GetString();
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            f.ScalarAsync<int>("update correspondence.letters set body = body || ' (diubah)' where id = @id returning 1", new { id }));
        Assert.Contains("sealed", refused.MessageText, StringComparison.Ordinal);

        // Someone with the database owner's rights switches the guard off and edits the body anyway.
        await f.ScalarAsync<int>(
            """
            alter table correspondence.letters disable trigger letters_immutable_after_signing;
            update correspondence.letters set body = body || ' (diubah)' where id = @id;
            alter table correspondence.letters enable trigger letters_immutable_after_signing;
            select 1
            """, new { id });
        using var anonymous = f.Service.CreateClient();

        var result = await anonymous.GetFromJsonAsync<JsonElement>($"/verify/{code}");

        Assert.False(result.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task The_secretariat_registers_an_incoming_letter_with_a_gapless_agenda_number_into_the_addressees_inbox()
    {
        using var secretariat = await f.As(CorrespondenceFixture.AddresseeSecretariat);
        using var staff = await f.As(CorrespondenceFixture.Stranger);
        object Incoming(string subject) => new
        {
            senderInstitution = "Kementerian Dalam Negeri",
            senderNumber = "000.1/4521/SJ",
            senderDate = "2026-11-20",
            receivedAt = "2026-11-23T08:15:00Z",
            subject,
            summary = "Permintaan laporan indeks SPBE kota",
            classificationCode = "000",
            security = "Biasa",
            urgency = "Segera",
            to = new[] { new { positionId = f.Position("Kepala Dinas Kependudukan dan Pencatatan Sipil") } },
        };

        var first = await secretariat.PostAsJsonAsync("/api/incoming-letters", Incoming("Permintaan data SPBE"));
        var second = await secretariat.PostAsJsonAsync("/api/incoming-letters", Incoming("Permintaan data SPBE tahap 2"));
        var byStaff = await staff.PostAsJsonAsync("/api/incoming-letters", Incoming("Bukan wewenang"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
        var a = (await Json(first)).GetProperty("agendaNumber").GetString();
        var b = (await Json(second)).GetProperty("agendaNumber").GetString();
        Assert.Matches(@"^AG/\d+/DISDUKCAPIL/2026$", a);
        Assert.Equal(int.Parse(a!.Split('/')[1]) + 1, int.Parse(b!.Split('/')[1]));
        using var head = await f.As(CorrespondenceFixture.Addressee);
        var inbox = await head.GetFromJsonAsync<JsonElement>("/api/mailbox/inbox?q=SPBE");
        Assert.Equal(2, inbox.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("direction").GetString() == "Incoming"));
    }

    [Fact]
    public async Task Document_types_are_a_list_of_items_with_next()
    {
        using var staff = await f.As(CorrespondenceFixture.Drafter);

        var types = await staff.GetFromJsonAsync<JsonElement>("/api/letter-types");

        Assert.Equal(JsonValueKind.Object, types.ValueKind);
        Assert.Contains(types.GetProperty("items").EnumerateArray(), t => t.GetProperty("code").GetString() == "Nota Dinas");
        Assert.Equal(JsonValueKind.Null, types.GetProperty("next").ValueKind);
    }
}
