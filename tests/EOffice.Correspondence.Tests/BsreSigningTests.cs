using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Correspondence.Tests;

/// <summary>Correspondence signing through BSrE (the stand-in), with the demo signer registered there.</summary>
public sealed class BsreFixture : CorrespondenceFixture
{
    public const string Passphrase = "Passphrase#Uji2026";
    public const string Admin = "admin@eoffice.local";

    public BsreStandIn Bsre { get; private set; } = null!;

    /// <summary>The NIK Directory records for the demo signer (registered at the stand-in).</summary>
    public string SignerNik { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        Bsre = await BsreStandIn.StartAsync();
        await base.InitializeAsync();
        SignerNik = await NikOfAsync(Signer);
        Bsre.Register(SignerNik, Passphrase, "Yusuf Maulana");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Bsre.DisposeAsync();
    }

    /// <summary>A user's NIK as an admin sees it in Directory.</summary>
    public async Task<string> NikOfAsync(string email)
    {
        using var admin = await DirectoryAs(Admin);
        var user = await admin.GetFromJsonAsync<JsonElement>($"/api/org/users/{Users[email]}");
        return user.GetProperty("nik").GetString()!;
    }

    /// <summary>A draft submitted and reviewed: it waits for <see cref="CorrespondenceFixture.Signer"/>.</summary>
    public async Task<Guid> AwaitingSignatureAsync(string subject)
    {
        var id = await CreateAsync(Draft(subject: subject));
        using var drafter = await As(Drafter);
        using var reviewer = await As(Reviewer);
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        (await reviewer.PostAsJsonAsync($"/api/letters/{id}/review", new { decision = "approve" })).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>The sum of every numbering counter: it moves only when a number is used.</summary>
    public Task<long> CounterAsync() => ScalarAsync<long>("select coalesce(sum(last_value), 0)::bigint from correspondence.numbering_counters");

    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Signing:Provider"] = "Bsre";
        settings["Signing:Bsre:BaseUrl"] = Bsre.Address.ToString();
        settings["Signing:Bsre:ClientId"] = BsreStandIn.ClientId;
        settings["Signing:Bsre:ClientSecret"] = BsreStandIn.ClientSecret;
        settings["Signing:Bsre:Timeout"] = "00:00:03";
    }
}

/// <summary>Signing with BSrE: NIK and passphrase, the signer's own certificate, and failures that burn no number.</summary>
public sealed class BsreSigningTests(BsreFixture f) : IClassFixture<BsreFixture>
{
    [Fact]
    public async Task Clients_are_told_to_ask_for_NIK_and_passphrase()
    {
        using var signer = await f.As(CorrespondenceFixture.Signer);

        var signing = await signer.GetFromJsonAsync<JsonElement>("/api/signing");

        Assert.Equal("Bsre", signing.GetProperty("provider").GetString());
    }

    [Fact]
    public async Task A_letter_signed_through_BSrE_carries_the_signers_certified_signature_which_pdfsig_reports_valid()
    {
        var id = await f.AwaitingSignatureAsync("Tanda tangan BSrE");
        using var signer = await f.As(CorrespondenceFixture.Signer);

        var signed = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { nik = f.SignerNik, passphrase = BsreFixture.Passphrase });
        signed.EnsureSuccessStatusCode();
        var number = (await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        var pdf = await signer.GetByteArrayAsync($"/api/letters/{id}/document");

        Assert.Contains(number, await PdfTools.WordsAsync(pdf));
        var signature = await PdfTools.SignaturesAsync(pdf);
        Assert.Contains("Yusuf Maulana", signature);
        Assert.Contains("Signature is Valid", signature);
        Assert.Contains("Total document signed", signature);
        // BSrE's own verification agrees.
        using var bsre = new HttpClient { BaseAddress = f.Bsre.Address };
        bsre.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{BsreStandIn.ClientId}:{BsreStandIn.ClientSecret}")));
        var verified = await (await bsre.PostAsJsonAsync("/api/v2/verify/pdf", new { file = Convert.ToBase64String(pdf) })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("VALID", verified.GetProperty("conclusion").GetString());
    }

    [Fact]
    public async Task A_wrong_passphrase_leaves_the_letter_unsigned_and_the_next_signing_in_the_unit_gets_the_same_number()
    {
        var id = await f.AwaitingSignatureAsync("Passphrase salah");
        using var signer = await f.As(CorrespondenceFixture.Signer);
        var before = await f.CounterAsync();

        var wrong = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { nik = f.SignerNik, passphrase = "bukan-passphrase" });
        var problem = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        var letter = await signer.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("wrong-passphrase", problem.GetProperty("code").GetString());
        Assert.Contains("Passphrase yang Anda masukkan salah", problem.GetProperty("detail").GetString());
        Assert.Equal("InReview", letter.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, letter.GetProperty("number").ValueKind);
        Assert.Equal(before, await f.CounterAsync());
        Assert.Equal(0, await f.ScalarAsync<long>("select count(*) from correspondence.letter_documents where letter_id = @id", new { id }));

        var signed = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { nik = f.SignerNik, passphrase = BsreFixture.Passphrase });
        signed.EnsureSuccessStatusCode();

        // One number used in all, and it is this letter's: the one the failed attempt had taken and given back.
        Assert.Equal(before + 1, await f.CounterAsync());
        Assert.True(await f.ScalarAsync<bool>(
            "select l.number_sequence = c.last_value from correspondence.letters l join correspondence.numbering_counters c on c.scope = l.number_scope where l.id = @id",
            new { id }));
    }

    [Fact]
    public async Task A_NIK_BSrE_does_not_know_is_a_clear_409_and_never_reaches_signing()
    {
        // The section head signs this one: Directory knows her NIK, BSrE does not.
        var id = await f.CreateAsync(f.Draft(subject: "NIK belum terdaftar", withReviewer: false, signerTitle: "Kepala Seksi Pengembangan Aplikasi"));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        using var reviewer = await f.As(CorrespondenceFixture.Reviewer);
        var calls = f.Bsre.SignCalls;
        var before = await f.CounterAsync();

        var refused = await reviewer.PostAsJsonAsync($"/api/letters/{id}/sign", new { nik = await f.NikOfAsync(CorrespondenceFixture.Reviewer), passphrase = "apa saja" });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("nik-not-registered", problem.GetProperty("code").GetString());
        Assert.Contains("belum terdaftar", problem.GetProperty("detail").GetString());
        Assert.Equal(calls, f.Bsre.SignCalls);
        Assert.Equal(before, await f.CounterAsync());
    }

    [Fact]
    public async Task Another_users_NIK_is_refused()
    {
        var id = await f.AwaitingSignatureAsync("NIK orang lain");
        using var signer = await f.As(CorrespondenceFixture.Signer);

        var refused = await signer.PostAsJsonAsync($"/api/letters/{id}/sign",
            new { nik = await f.NikOfAsync(CorrespondenceFixture.Reviewer), passphrase = BsreFixture.Passphrase });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("nik-not-yours", problem.GetProperty("code").GetString());
        Assert.Equal("InReview", (await signer.GetFromJsonAsync<JsonElement>($"/api/letters/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Missing_NIK_and_passphrase_are_named()
    {
        var id = await f.AwaitingSignatureAsync("Tanpa NIK");
        using var signer = await f.As(CorrespondenceFixture.Signer);

        var response = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var badNik = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { nik = "12345", passphrase = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("nik", out _));
        Assert.True(errors.TryGetProperty("passphrase", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badNik.StatusCode);
        Assert.True((await badNik.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("nik", out _));
    }

    [Theory]
    [InlineData(BsreSignMode.Unavailable)]
    [InlineData(BsreSignMode.Error)]
    [InlineData(BsreSignMode.Slow)]
    public async Task An_unavailable_or_slow_BSrE_answers_503_and_leaves_the_letter_unsigned_with_no_number_used(BsreSignMode mode)
    {
        var id = await f.AwaitingSignatureAsync($"BSrE {mode}");
        using var signer = await f.As(CorrespondenceFixture.Signer);
        var before = await f.CounterAsync();
        f.Bsre.SignMode = mode;
        HttpResponseMessage failed;
        try
        {
            failed = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { nik = f.SignerNik, passphrase = BsreFixture.Passphrase });
        }
        finally
        {
            f.Bsre.SignMode = BsreSignMode.Sign;
        }

        var problem = await failed.Content.ReadFromJsonAsync<JsonElement>();
        var letter = await signer.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal("signature-unavailable", problem.GetProperty("code").GetString());
        Assert.Contains("belum ditandatangani", problem.GetProperty("detail").GetString());
        Assert.Equal("InReview", letter.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, letter.GetProperty("number").ValueKind);
        Assert.Equal(before, await f.CounterAsync());
    }
}

/// <summary>With the default provider clients ask for the password.</summary>
public sealed class LocalSigningProviderTests(CorrespondenceFixture f) : IClassFixture<CorrespondenceFixture>
{
    [Fact]
    public async Task Clients_are_told_to_ask_for_the_password()
    {
        using var signer = await f.As(CorrespondenceFixture.Signer);
        var id = await f.CreateAsync(f.Draft(subject: "Tanpa password", withReviewer: false));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();

        var signing = await signer.GetFromJsonAsync<JsonElement>("/api/signing");
        var withoutPassword = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { nik = "3276010000000000", passphrase = "x" });

        Assert.Equal("Local", signing.GetProperty("provider").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, withoutPassword.StatusCode);
        Assert.True((await withoutPassword.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));
    }
}
