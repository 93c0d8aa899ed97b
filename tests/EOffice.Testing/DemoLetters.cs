using System.Net;

namespace EOffice.Testing;

/// <summary>One internal recipient of a draft: a position (a unit means its head).</summary>
public sealed record DraftRecipient(Guid PositionId);

/// <summary>
/// The body of <c>POST /api/letters</c> as the scenario tests send it. <see cref="NotaDinas"/> gives the ordinary
/// internal memo most scenarios need (Biasa, Biasa, 800.2, no reviewers); a test changes only what it is about
/// with <c>with { … }</c>.
/// </summary>
public sealed record LetterDraft(
    string Type,
    string Subject,
    string Summary,
    string Body,
    string ClassificationCode,
    string Security,
    string Urgency,
    IReadOnlyList<DraftRecipient> To,
    IReadOnlyList<DraftRecipient> Cc,
    IReadOnlyList<Guid> Reviewers,
    Guid SignerPositionId)
{
    /// <summary>A Nota Dinas from <paramref name="signer"/>'s unit to <paramref name="to"/>, signed without review.</summary>
    public static LetterDraft NotaDinas(string subject, Guid to, Guid signer, string body = "Dengan hormat, naskah ini dibuat oleh uji EOffice.") =>
        new("Nota Dinas", subject, subject, body, "800.2", "Biasa", "Biasa", [new DraftRecipient(to)], [], [], signer);
}

/// <summary>What every scenario does first with the demo city: find positions, create a draft.</summary>
public static class DemoLetters
{
    /// <summary>Every position of the demo city by its title (the caller must be allowed to list them, e.g. admin).</summary>
    public static async Task<IReadOnlyDictionary<string, Guid>> PositionsByTitleAsync(this HttpClient admin) =>
        (await admin.GetJsonAsync("/api/org/positions?limit=200")).GetProperty("items").EnumerateArray()
            .ToDictionary(p => p.Text("title")!, p => p.GetProperty("id").GetGuid());

    /// <summary>Creates <paramref name="draft"/> and returns its id; anything but 201 fails with the problem the API gave.</summary>
    public static async Task<Guid> CreateLetterAsync(this HttpClient drafter, LetterDraft draft)
    {
        using var created = await drafter.PostJsonAsync("/api/letters", draft);
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating the draft answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }

        return (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>Submits, signs with the demo password and sends a draft that has no reviewers.</summary>
    public static async Task SignAndSendAsync(HttpClient drafter, HttpClient signer, Guid letter)
    {
        (await drafter.PostJsonAsync($"/api/letters/{letter}/submit", new { })).EnsureSuccessStatusCode().Dispose();
        (await signer.PostJsonAsync($"/api/letters/{letter}/sign", new { password = PlatformFixture.DemoPassword })).EnsureSuccessStatusCode().Dispose();
        (await signer.PostJsonAsync($"/api/letters/{letter}/send", new { })).EnsureSuccessStatusCode().Dispose();
    }
}
