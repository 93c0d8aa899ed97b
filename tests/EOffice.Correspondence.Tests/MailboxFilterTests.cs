using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EOffice.Correspondence.Tests;

/// <summary>The addressee's inbox with twelve registered letters (every security × urgency) and one sent letter, all tagged.</summary>
public sealed class MailboxFixture : CorrespondenceFixture
{
    private Task<MailboxSeed>? _seed;

    public Task<MailboxSeed> SeedAsync() => _seed ??= CreateSeedAsync();

    private async Task<MailboxSeed> CreateSeedAsync()
    {
        var tag = "Saring" + Guid.NewGuid().ToString("N")[..6];
        using var secretariat = await As(AddresseeSecretariat);
        var letters = new List<SeededLetter>();
        var i = 0;
        foreach (var security in new[] { "Biasa", "Terbatas", "Rahasia", "SangatRahasia" })
        {
            foreach (var urgency in new[] { "Biasa", "Segera", "SangatSegera" })
            {
                var type = i % 2 == 0 ? "Surat Dinas" : "Surat Undangan";
                var institution = i == 0 ? "Badan Siber dan Sandi Negara" : "Kementerian Dalam Negeri";
                var senderNumber = $"400.{i}/{7000 + i}/SJ";
                var response = await secretariat.PostAsJsonAsync("/api/incoming-letters", new
                {
                    type,
                    senderInstitution = institution,
                    senderNumber,
                    senderDate = "2026-11-20",
                    receivedAt = "2026-11-23T08:15:00Z",
                    subject = $"{tag} surat {i}",
                    summary = "Surat untuk uji saring",
                    classificationCode = "000",
                    security,
                    urgency,
                    to = new[] { new { positionId = Position("Kepala Dinas Kependudukan dan Pencatatan Sipil") } },
                });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                letters.Add(new SeededLetter(body.GetProperty("id").GetGuid(), type, security, urgency, "Received", senderNumber,
                    body.GetProperty("agendaNumber").GetString()!, null));
                i++;
            }
        }

        var outgoing = await CreateAsync(Draft(subject: $"{tag} keluar"));
        var number = (await SendAsync(outgoing)).GetProperty("number").GetString()!;
        letters.Add(new SeededLetter(outgoing, "Surat Dinas", "Biasa", "Segera", "Sent", null, null, number));
        return new MailboxSeed(tag, letters);
    }
}

public sealed record SeededLetter(Guid Id, string Type, string Security, string Urgency, string Status, string? SenderNumber, string? Agenda, string? Number);

public sealed record MailboxSeed(string Tag, IReadOnlyList<SeededLetter> Letters);

/// <summary>Mailbox filters (API.md): each one applied, an unknown value a 400 naming its field.</summary>
public sealed class MailboxFilterTests(MailboxFixture f) : IClassFixture<MailboxFixture>
{
    private async Task<(MailboxSeed Seed, List<JsonElement> Items)> Inbox(string filters)
    {
        var seed = await f.SeedAsync();
        using var head = await f.As(CorrespondenceFixture.Addressee);
        var response = await head.GetAsync($"/api/mailbox/inbox?q={seed.Tag}&limit=200&{filters}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (seed, page.GetProperty("items").EnumerateArray().ToList());
    }

    private static List<Guid> Ids(IEnumerable<JsonElement> items) => items.Select(i => i.GetProperty("letterId").GetGuid()).Order().ToList();

    private static List<Guid> Ids(IEnumerable<SeededLetter> letters) => letters.Select(l => l.Id).Order().ToList();

    private static List<Guid> Ids(params SeededLetter[] letters) => Ids(letters.AsEnumerable());

    [Fact]
    public async Task Without_filters_the_inbox_shows_every_letter()
    {
        var (seed, items) = await Inbox("");
        Assert.Equal(Ids(seed.Letters), Ids(items));
    }

    [Theory]
    [InlineData("Biasa")]
    [InlineData("Segera")]
    [InlineData("SangatSegera")]
    public async Task The_urgency_filter_shows_only_letters_of_that_urgency(string urgency)
    {
        var (seed, items) = await Inbox($"urgency={urgency}");
        Assert.Equal(Ids(seed.Letters.Where(l => l.Urgency == urgency)), Ids(items));
        Assert.All(items, i => Assert.Equal(urgency, i.GetProperty("urgency").GetString()));
    }

    [Theory]
    [InlineData("Biasa")]
    [InlineData("Terbatas")]
    [InlineData("Rahasia")]
    [InlineData("SangatRahasia")]
    public async Task The_security_filter_shows_only_letters_of_that_level(string security)
    {
        var (seed, items) = await Inbox($"security={security}");
        Assert.Equal(Ids(seed.Letters.Where(l => l.Security == security)), Ids(items));
        Assert.NotEmpty(items);
    }

    [Theory]
    [InlineData("Surat Dinas")]
    [InlineData("Surat Undangan")]
    public async Task The_type_filter_shows_only_letters_of_that_type(string type)
    {
        var (seed, items) = await Inbox($"type={Uri.EscapeDataString(type)}");
        Assert.Equal(Ids(seed.Letters.Where(l => l.Type == type)), Ids(items));
    }

    [Theory]
    [InlineData("Received")]
    [InlineData("Sent")]
    public async Task The_status_filter_shows_only_letters_in_that_state(string status)
    {
        var (seed, items) = await Inbox($"status={status}");
        Assert.Equal(Ids(seed.Letters.Where(l => l.Status == status)), Ids(items));
    }

    [Fact]
    public async Task Filters_combine()
    {
        var (seed, items) = await Inbox("security=Rahasia&urgency=SangatSegera&type=Surat%20Undangan");
        Assert.Equal(Ids(seed.Letters.Where(l => l is { Security: "Rahasia", Urgency: "SangatSegera", Type: "Surat Undangan" })), Ids(items));
    }

    [Fact]
    public async Task Q_finds_a_letter_by_the_senders_number_the_institution_the_agenda_and_our_number_also_in_part()
    {
        var seed = await f.SeedAsync();
        using var head = await f.As(CorrespondenceFixture.Addressee);
        async Task<List<Guid>> Find(string q) =>
            Ids((await head.GetFromJsonAsync<JsonElement>($"/api/mailbox/inbox?limit=200&q={Uri.EscapeDataString(q)}")).GetProperty("items").EnumerateArray());
        var fifth = seed.Letters[5];
        var third = seed.Letters[3];
        var sent = seed.Letters.Single(l => l.Status == "Sent");

        Assert.Equal(Ids(fifth), await Find(fifth.SenderNumber!));
        Assert.Equal(Ids(fifth), await Find("7005"));
        Assert.Equal(Ids(seed.Letters[0]), await Find("Siber dan Sandi"));
        Assert.Equal(Ids(third), await Find(third.Agenda!));
        Assert.Contains(sent.Id, await Find(sent.Number!));
        Assert.Contains(sent.Id, await Find(sent.Number!.Split('/')[0] + "/" + sent.Number.Split('/')[1] + "/"));
    }

    [Fact]
    public async Task From_and_to_are_whole_days_in_WIB_on_the_delivery_date()
    {
        var seed = await f.SeedAsync();
        var (late, early) = (seed.Letters[7], seed.Letters[8]);
        // 00:30 WIB on the 24th, and 23:30 WIB on the 23rd.
        await f.ScalarAsync<int>("update correspondence.letter_recipients set delivered_at = '2026-11-23T17:30:00Z' where letter_id = @Id returning 1", late);
        await f.ScalarAsync<int>("update correspondence.letter_recipients set delivered_at = '2026-11-23T16:30:00Z' where letter_id = @Id returning 1", early);

        var (_, on24) = await Inbox("from=2026-11-24&to=2026-11-24");
        var (_, on23) = await Inbox("from=2026-11-23&to=2026-11-23");
        var (_, until23) = await Inbox("to=2026-11-23");
        var (_, since25) = await Inbox("from=2026-11-25");

        Assert.Equal(Ids(late), Ids(on24));
        Assert.Equal(Ids(early), Ids(on23));
        Assert.Equal(Ids(early), Ids(until23));
        Assert.Equal(Ids(seed.Letters.Where(l => l != late && l != early)), Ids(since25));
    }

    [Theory]
    [InlineData("type", "Surat Rahasia")]
    [InlineData("security", "Top")]
    [InlineData("security", "biasa")]
    [InlineData("urgency", "Kilat")]
    [InlineData("status", "Archived")]
    [InlineData("from", "23-11-2026")]
    [InlineData("to", "kemarin")]
    [InlineData("unread", "maybe")]
    public async Task An_unknown_filter_value_is_a_400_naming_the_field(string field, string value)
    {
        using var head = await f.As(CorrespondenceFixture.Addressee);

        var response = await head.GetAsync($"/api/mailbox/inbox?{field}={Uri.EscapeDataString(value)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
