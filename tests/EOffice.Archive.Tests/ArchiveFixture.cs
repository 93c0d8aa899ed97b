using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Archive;
using EOffice.Contracts;
using EOffice.Testing;

namespace EOffice.Archive.Tests;

/// <summary>Real Directory and real Archive on a throwaway database and virtual host.</summary>
public sealed class ArchiveFixture : ServiceFixture<ArchiveApp>
{
    public const string Archivist = "agus.salim@eoffice.local";            // Diskominfo's archivist
    public const string RecipientArchivist = "yuliana.safitri@eoffice.local"; // Disdukcapil's archivist
    public const string Signer = "yusuf.maulana@eoffice.local";
    public const string Addressee = "nurul.hidayah@eoffice.local";
    public const string Secretariat = "putri.anggraini@eoffice.local";
    public const string Stranger = "dimas.aditya@eoffice.local";
    public const string SecondArchivist = "ratna.wulandari@eoffice.local"; // Diskominfo's secretary, made archivist too (see InitializeAsync)
    public const string Admin = "admin@eoffice.local";

    protected override string Schema => "archive";

    /// <summary>
    /// The demo city has one archivist per agency, and a disposal is approved by someone other than its
    /// proposer: Diskominfo's secretary becomes its second archivist.
    /// </summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var admin = await DirectoryAs(Admin);
        var id = Users[SecondArchivist];
        var user = await admin.GetFromJsonAsync<JsonElement>($"/api/org/users/{id}");
        var roles = user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).Append("archivist").Distinct().ToArray();
        (await admin.PutAsJsonAsync($"/api/org/users/{id}", new
        {
            nip = user.GetProperty("nip").GetString(),
            name = user.GetProperty("name").GetString(),
            email = user.GetProperty("email").GetString(),
            roles,
        })).EnsureSuccessStatusCode();
    }

    /// <summary>Sends a letter the way Correspondence does: a letter-sent event on the broker; waits for its records.</summary>
    public async Task<Guid> SendAsync(string number, string subject, string body, string classification = "800.1.11", string security = "Biasa",
        DateOnly? date = null, Guid? messageId = null, Guid? letterId = null, string recipient = "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        bool textFirst = false)
    {
        var id = letterId ?? Guid.CreateVersion7();
        var secret = SecurityLevels.IsSecret(security);
        var open = SecurityLevels.SubjectIsPublic(security);
        var sent = new LetterSent(id, number, date ?? new DateOnly(2026, 11, 2), "Nota Dinas", open ? subject : null, open ? "Ringkasan " + subject : null,
            classification, security, "Biasa", SenderUnit, Position("Kepala Bidang Aplikasi Informatika"),
            [new LetterRecipient(Position(recipient), null, null, false)], DateTimeOffset.UtcNow)
        {
            DrafterPositionId = Position("Pranata Komputer Ahli Pertama"),
        };
        var text = new LetterContent(id, security, subject, "Ringkasan " + subject, body, DateTimeOffset.UtcNow);
        if (textFirst && !secret)
        {
            // The internal exchange may deliver the text before the letter-sent event: it waits for the records.
            await PublishAsync(text);
            await Eventually.HoldsAsync(async () => await ScalarAsync<int>("select count(*)::int from archive.letter_contents where letter_id = @id", new { id }) == 1,
                "the letter's text was kept");
        }

        await PublishAsync(sent, messageId);
        await Eventually.HoldsAsync(async () => await ScalarAsync<int>("select count(*)::int from archive.records where letter_id = @id", new { id }) == 2,
            "the letter's records were created in both units");
        if (!secret && !textFirst)
        {
            // As Correspondence does: the text on the internal exchange (here after the records exist, so they are re-indexed).
            await PublishAsync(text);
            await Eventually.HoldsAsync(async () => await ScalarAsync<int>(
                "select count(*)::int from archive.records where letter_id = @id and body is not null", new { id }) == 2,
                "the letter's text was indexed");
        }

        return id;
    }

    public Guid SenderUnit => Units["DISKOMINFO-APTIKA"];

    public Guid RecipientUnit => Units["DISDUKCAPIL"];

    protected override void Configure(Dictionary<string, string?> settings) =>
        settings["Archive:LifecycleInterval"] = "01:00:00";
}
