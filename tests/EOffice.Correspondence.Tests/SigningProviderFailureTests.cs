using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Xunit.Abstractions;

namespace EOffice.Correspondence.Tests;

/// <summary>Correspondence whose signing certificate (PKCS#12) is missing until a test puts it in place.</summary>
public sealed class MissingCertificateFixture : CorrespondenceFixture
{
    public string CertificatePath { get; } = Path.Combine(Path.GetTempPath(), $"eoffice-signer-{Guid.NewGuid():N}.p12");

    public const string CertificatePassword = "test-signer-password";

    /// <summary>Writes a valid signer certificate where the service looks for it.</summary>
    public void PutCertificateInPlace()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Penanda Tangan Uji, O=Pemerintah Kota Depok, C=ID", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(CertificatePath, cert.Export(X509ContentType.Pkcs12, CertificatePassword));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(CertificatePath);
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Signing:Local:CertificatePath"] = CertificatePath;
        settings["Signing:Local:CertificatePassword"] = CertificatePassword;
        settings["Logging:LogLevel:EOffice.Correspondence.Documents"] = "Information";
    }
}

/// <summary>A signature provider that cannot sign leaves the letter unsigned and burns no number.</summary>
public sealed class SigningProviderFailureTests(MissingCertificateFixture f, ITestOutputHelper output) : IClassFixture<MissingCertificateFixture>
{
    [Fact]
    public async Task An_unavailable_provider_answers_503_leaves_the_letter_unsigned_and_the_next_signing_gets_the_same_number()
    {
        var id = await f.CreateAsync(f.Draft(subject: "Tanda tangan gagal"));
        using var drafter = await f.As(CorrespondenceFixture.Drafter);
        using var reviewer = await f.As(CorrespondenceFixture.Reviewer);
        using var signer = await f.As(CorrespondenceFixture.Signer);
        (await drafter.PostAsync($"/api/letters/{id}/submit", null)).EnsureSuccessStatusCode();
        (await reviewer.PostAsJsonAsync($"/api/letters/{id}/review", new { decision = "approve" })).EnsureSuccessStatusCode();
        var counter = () => f.ScalarAsync<long>("select coalesce(sum(last_value), 0)::bigint from correspondence.numbering_counters");
        var before = await counter();

        var failed = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password });
        var problem = await failed.Content.ReadFromJsonAsync<JsonElement>();
        var letter = await signer.GetFromJsonAsync<JsonElement>($"/api/letters/{id}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("signature-unavailable", problem.GetProperty("code").GetString());
        Assert.Equal("InReview", letter.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, letter.GetProperty("number").ValueKind);
        Assert.Equal(before, await counter());
        Assert.Equal(0, await f.ScalarAsync<long>("select count(*) from correspondence.letter_documents where letter_id = @id", new { id }));

        f.PutCertificateInPlace();
        var watch = Stopwatch.StartNew();
        var signed = await signer.PostAsJsonAsync($"/api/letters/{id}/sign", new { password = CorrespondenceFixture.Password });
        output.WriteLine($"signing with rendering took {watch.ElapsedMilliseconds} ms");
        signed.EnsureSuccessStatusCode();
        var number = (await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        var pdf = await signer.GetByteArrayAsync($"/api/letters/{id}/document");

        Assert.Equal(before + 1, await counter());
        Assert.Contains(number, await PdfTools.WordsAsync(pdf));
        var signature = await PdfTools.SignaturesAsync(pdf);
        Assert.Contains("Penanda Tangan Uji", signature);
        Assert.Contains("Signature is Valid", signature);

        // How long a signing takes now that rendering and signing happen inside it (the number is held meanwhile).
        for (var i = 0; i < 3; i++)
        {
            var next = await f.CreateAsync(f.Draft(subject: $"Pengukuran {i}", withReviewer: false));
            (await drafter.PostAsync($"/api/letters/{next}/submit", null)).EnsureSuccessStatusCode();
            watch.Restart();
            (await signer.PostAsJsonAsync($"/api/letters/{next}/sign", new { password = CorrespondenceFixture.Password })).EnsureSuccessStatusCode();
            output.WriteLine($"signing with rendering took {watch.ElapsedMilliseconds} ms");
        }
    }
}
