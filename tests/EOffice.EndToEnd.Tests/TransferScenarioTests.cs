using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EOffice.Testing;

namespace EOffice.EndToEnd.Tests;

/// <summary>
/// Transfers (mutasi) through the gateway only: an admin reads a position's pending work, moves its holder
/// to another agency and puts a successor in. The mover loses the old position's mailbox at once (old
/// refresh token refused, new login on the new position's inbox); the successor finds the old position's
/// unread letter, open disposition and draft; a letter signed by an earlier holder still names them.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TransferScenarioTests(PlatformFixture platform)
{
    private static readonly string Run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    private static int _people;

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> UnitAsync(HttpClient admin, string code, string name, Guid parentId) =>
        await CreatedIdAsync(await admin.PostJsonAsync("/api/org/units", new { code = $"{code}-{Run}", name, parentId }), code);

    private static async Task<Guid> PositionAsync(HttpClient admin, string title, Guid unitId, Guid? superiorId = null, bool head = false) =>
        await CreatedIdAsync(await admin.PostJsonAsync("/api/org/positions", new { title, unitId, superiorId, isUnitHead = head }), title);

    private static async Task<(Guid Id, string Email)> PersonAsync(HttpClient admin, string name, Guid? positionId, params string[] roles)
    {
        var n = Interlocked.Increment(ref _people);
        var nip = string.Create(CultureInfo.InvariantCulture, $"19900101{Random.Shared.Next(0, 100_000_000):D8}{n:D2}");
        var email = string.Create(CultureInfo.InvariantCulture, $"mutasi.{Run.ToLowerInvariant()}.{n}@eoffice.local");
        var id = await CreatedIdAsync(await admin.PostJsonAsync("/api/org/users", new
        {
            nip,
            name,
            email,
            password = PlatformFixture.DemoPassword,
            roles = roles.Length > 0 ? roles : ["staff"],
        }), name);
        if (positionId is { } p)
        {
            using var held = await admin.PutAsJsonAsync($"/api/org/positions/{p}/holder", new { userId = id });
            Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        }

        return (id, email);
    }

    private static async Task<HashSet<Guid>> LetterIdsAsync(HttpClient client, string folder) =>
        (await client.GetJsonAsync($"/api/mailbox/{folder}")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("letterId").GetGuid()).ToHashSet();

    private static async Task<HashSet<Guid>> DispositionIdsAsync(HttpClient client) =>
        (await client.GetJsonAsync("/api/dispositions?box=inbox")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToHashSet();

    private static object Incoming(string subject, Guid to) => new
    {
        senderInstitution = "Badan Kepegawaian Negara",
        senderNumber = $"B-{Random.Shared.Next(100, 999)}/BKN/2026",
        senderDate = "2026-11-20",
        receivedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        subject,
        summary = "Surat masuk",
        classificationCode = "800.1",
        security = "Biasa",
        urgency = "Biasa",
        to = new[] { new { positionId = to } },
    };

    [Fact]
    public async Task A_person_moved_to_another_agency_loses_the_old_mailbox_at_once_and_the_successor_finds_its_pending_work()
    {
        using var admin = platform.As(await platform.LoginAsync("admin@eoffice.local"));
        var city = HttpJson.Units(await admin.GetJsonAsync("/api/org/units")).Single(u => u.Text("code") == "PEMKOT").GetProperty("id").GetGuid();

        // Two agencies of their own, so that the demo city other scenarios use stays as it is.
        var agencyA = await UnitAsync(admin, "MUTASI-A", "Dinas Uji Mutasi A", city);
        var agencyB = await UnitAsync(admin, "MUTASI-B", "Dinas Uji Mutasi B", city);
        var headA = await PositionAsync(admin, "Kepala Dinas Uji Mutasi A", agencyA, head: true);
        var staffA = await PositionAsync(admin, "Analis Uji Mutasi A", agencyA, headA);
        var clerkA = await PositionAsync(admin, "Pengadministrasi Uji Mutasi A", agencyA, headA);
        var headB = await PositionAsync(admin, "Kepala Dinas Uji Mutasi B", agencyB, head: true);
        var staffB = await PositionAsync(admin, "Analis Uji Mutasi B", agencyB, headB);
        var clerkB = await PositionAsync(admin, "Pengadministrasi Uji Mutasi B", agencyB, headB);
        var chief = await PersonAsync(admin, "Gilang Ramadhan", headA);
        var mover = await PersonAsync(admin, "Hana Pertiwi", staffA);
        var secretariatA = await PersonAsync(admin, "Indra Kusuma", clerkA, "staff", "secretariat");
        var secretariatB = await PersonAsync(admin, "Joko Susilo", clerkB, "staff", "secretariat");
        var successor = await PersonAsync(admin, "Kartika Dewi", null);

        using var chiefClient = platform.As(await platform.LoginAsync(chief.Email));
        using var moverClient = platform.As(await platform.LoginAsync(mover.Email));
        using var clerkAClient = platform.As(await platform.LoginAsync(secretariatA.Email));
        using var clerkBClient = platform.As(await platform.LoginAsync(secretariatB.Email));

        // The services learn of the new agencies from the broker: registering may have to wait a moment.
        Guid forChief = default, forMover = default, forNewPosition = default;
        await Eventually.HoldsAsync(async () =>
        {
            var r = await clerkAClient.PostJsonAsync("/api/incoming-letters", Incoming("Undangan rapat koordinasi kepegawaian", headA));
            forChief = r.StatusCode == HttpStatusCode.Created ? (await r.ReadJsonAsync()).GetProperty("id").GetGuid() : default;
            return forChief != default;
        }, "agency A's secretariat registers a letter for its head", TimeSpan.FromSeconds(20));
        forMover = await CreatedIdAsync(await clerkAClient.PostJsonAsync("/api/incoming-letters", Incoming("Permintaan data analisis jabatan", staffA)), "letter for the mover's position");
        await Eventually.HoldsAsync(async () =>
        {
            var r = await clerkBClient.PostJsonAsync("/api/incoming-letters", Incoming("Penugasan analis baru", staffB));
            forNewPosition = r.StatusCode == HttpStatusCode.Created ? (await r.ReadJsonAsync()).GetProperty("id").GetGuid() : default;
            return forNewPosition != default;
        }, "agency B's secretariat registers a letter for the (vacant) new position", TimeSpan.FromSeconds(20));

        // The head disposes their letter to the mover's position (Disposition learns of it from the broker).
        var disposition = Guid.Empty;
        await Eventually.HoldsAsync(async () =>
        {
            var r = await chiefClient.PostJsonAsync($"/api/letters/{forChief}/dispositions", new { to = new[] { staffA }, instructions = new[] { "Untuk ditindaklanjuti" } });
            disposition = r.StatusCode == HttpStatusCode.Created ? (await r.ReadJsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid() : Guid.Empty;
            return disposition != Guid.Empty;
        }, "the head disposes the letter to the mover's position", TimeSpan.FromSeconds(20));

        // A draft of the mover's position, and a letter the head signs and sends (signed by the earlier holder, later).
        var draft = await CreatedIdAsync(await moverClient.PostJsonAsync("/api/letters", new
        {
            type = "Nota Dinas",
            subject = "Konsep laporan analisis jabatan",
            summary = "Konsep",
            body = "Dengan hormat, terlampir konsep laporan.",
            classificationCode = "800.1",
            security = "Biasa",
            urgency = "Biasa",
            to = new[] { new { positionId = headA } },
            cc = Array.Empty<object>(),
            reviewers = Array.Empty<Guid>(),
            signerPositionId = headA,
        }), "the mover's draft");
        var signedLetter = await CreatedIdAsync(await chiefClient.PostJsonAsync("/api/letters", new
        {
            type = "Nota Dinas",
            subject = "Penugasan penyusunan laporan",
            summary = "Penugasan",
            body = "Mohon disusun laporan analisis jabatan.",
            classificationCode = "800.1",
            security = "Biasa",
            urgency = "Biasa",
            to = new[] { new { positionId = clerkA } },
            cc = Array.Empty<object>(),
            reviewers = Array.Empty<Guid>(),
            signerPositionId = headA,
        }), "the head's letter");
        Assert.Equal(HttpStatusCode.OK, (await chiefClient.PostJsonAsync($"/api/letters/{signedLetter}/submit", new { })).StatusCode);
        var signed = await chiefClient.PostJsonAsync($"/api/letters/{signedLetter}/sign", new { password = PlatformFixture.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var verificationCode = (await signed.ReadJsonAsync()).Text("verificationCode");

        // Before the move: the admin reads the position's pending work, each service answering for its own.
        JsonElement pending = default;
        await Eventually.HoldsAsync(async () =>
        {
            pending = await admin.GetJsonAsync($"/api/org/positions/{staffA}/pending");
            return pending.GetProperty("openDispositions").ValueKind == JsonValueKind.Number && pending.GetProperty("openDispositions").GetInt32() == 1;
        }, "the pending work shows the open disposition");
        Assert.Empty(pending.GetProperty("unavailable").EnumerateArray());
        Assert.Equal(1, pending.GetProperty("drafts").GetInt32());
        Assert.Equal(1, pending.GetProperty("unreadIncoming").GetInt32());
        Assert.Equal(0, pending.GetProperty("toReview").GetInt32());
        Assert.Equal(0, pending.GetProperty("toSign").GetInt32());
        var items = pending.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.Text("kind") == "drafts" && i.GetProperty("letterId").GetGuid() == draft);
        Assert.Contains(items, i => i.Text("kind") == "unreadIncoming" && i.GetProperty("letterId").GetGuid() == forMover
            && i.Text("subject") == "Permintaan data analisis jabatan");
        Assert.Contains(items, i => i.Text("kind") == "openDispositions" && i.GetProperty("dispositionId").GetGuid() == disposition);
        var headPending = await admin.GetJsonAsync($"/api/org/positions/{headA}/pending");
        Assert.Equal(1, headPending.GetProperty("toSend").GetInt32());
        using (var staffClient = platform.As(await platform.LoginAsync("fajar.nugroho@eoffice.local")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await staffClient.GetAsync($"/api/org/positions/{staffA}/pending")).StatusCode);
        }

        Assert.Contains(forMover, await LetterIdsAsync(moverClient, "inbox"));
        var refreshToken = await RefreshTokenAsync(mover.Email);

        // The move to the other agency.
        var moved = await admin.PostJsonAsync($"/api/org/users/{mover.Id}/move", new { positionId = staffB });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        using (var refresh = await platform.Gateway.PostJsonAsync("/api/auth/refresh", new { refreshToken }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        }

        var login = await LoginJsonAsync(mover.Email);
        Assert.Equal(staffB, login.GetProperty("user").GetProperty("positionId").GetGuid());
        using var movedClient = platform.As(login.Text("accessToken")!);
        await Eventually.HoldsAsync(async () =>
        {
            var inbox = await LetterIdsAsync(movedClient, "inbox");
            return inbox.Contains(forNewPosition) && !inbox.Contains(forMover);
        }, "the new login shows the new position's inbox, not the old one's");
        Assert.DoesNotContain(draft, await LetterIdsAsync(movedClient, "drafts"));
        Assert.DoesNotContain(disposition, await DispositionIdsAsync(movedClient));
        // The token issued before the move reads with the org chart as it is now: the old mailbox is gone from it too.
        Assert.DoesNotContain(forMover, await LetterIdsAsync(moverClient, "inbox"));

        // The successor takes the old position and finds its mailbox as it was left.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"/api/org/users/{successor.Id}/move", new { positionId = staffA })).StatusCode);
        using var successorClient = platform.As(await platform.LoginAsync(successor.Email));
        await Eventually.HoldsAsync(async () =>
            (await LetterIdsAsync(successorClient, "inbox")).Contains(forMover)
            && (await DispositionIdsAsync(successorClient)).Contains(disposition)
            && (await LetterIdsAsync(successorClient, "drafts")).Contains(draft),
            "the successor sees the old position's unread letter, open disposition and draft");
        var after = await admin.GetJsonAsync($"/api/org/positions/{staffA}/pending");
        Assert.Equal(1, after.GetProperty("openDispositions").GetInt32());
        Assert.Equal(1, after.GetProperty("unreadIncoming").GetInt32());
        var holders = (await successorClient.GetJsonAsync($"/api/org/positions/{staffA}/holders")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([successor.Id, mover.Id], holders.Select(h => h.GetProperty("userId").GetGuid()));
        Assert.Equal("Hana Pertiwi", holders[1].Text("name"));

        // The head moves on too: the letter they signed still names them, not whoever holds the position now.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"/api/org/users/{chief.Id}/move", new { positionId = headB })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"/api/org/users/{successor.Id}/move", new { positionId = headA })).StatusCode);
        await Eventually.HoldsAsync(async () =>
        {
            var verified = await platform.Gateway.GetJsonAsync($"/verify/{verificationCode}");
            return verified.Text("signer") is { } signer && signer.StartsWith("Gilang Ramadhan", StringComparison.Ordinal)
                && (await admin.GetJsonAsync($"/api/org/positions/{headA}")).GetProperty("holder").GetProperty("userId").GetGuid() == successor.Id;
        }, "the verification page names the head who signed");
    }

    private async Task<JsonElement> LoginJsonAsync(string username)
    {
        using var response = await platform.Gateway.PostJsonAsync("/api/auth/login", new { username, password = PlatformFixture.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private async Task<string> RefreshTokenAsync(string username) => (await LoginJsonAsync(username)).Text("refreshToken")!;
}
