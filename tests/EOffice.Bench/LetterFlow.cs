using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EOffice.Testing;
using Npgsql;

namespace EOffice.Bench;

/// <summary>A signed-in demo user; the token is renewed before it expires (long runs).</summary>
internal sealed class Person(string login)
{
    public string Login { get; } = login;

    public string Token { get; set; } = "";

    public Guid UserId { get; set; }

    public DateTime SignedInAt { get; set; }
}

/// <summary>
/// Everyone a bench letter passes: Fajar drafts, Lina (Kepala Seksi Pengembangan Aplikasi) reviews, Yusuf
/// (Kepala Bidang Aplikasi Informatika) signs and sends, Wahyu (Kepala Bidang Mutasi dan Promosi, another
/// agency) receives it — so it is archived in two units and notifies one person.
/// </summary>
internal sealed class LetterPeople
{
    private readonly BenchPlatform _platform;
    private readonly SemaphoreSlim _refresh = new(1, 1);

    private LetterPeople(BenchPlatform platform) => _platform = platform;

    public Person Drafter { get; } = new("fajar.nugroho@eoffice.local");

    public Person Reviewer { get; } = new("lina.marlina@eoffice.local");

    public Person Signer { get; } = new("yusuf.maulana@eoffice.local");

    public Person Recipient { get; } = new("wahyu.setiawan@eoffice.local");

    public Guid ReviewerPosition { get; private set; }

    public Guid SignerPosition { get; private set; }

    public Guid RecipientPosition { get; private set; }

    public IEnumerable<Person> All => [Drafter, Reviewer, Signer, Recipient];

    public static async Task<LetterPeople> SignInAsync(BenchPlatform platform)
    {
        var people = new LetterPeople(platform);
        using var admin = platform.Fixture.As(await platform.Fixture.LoginAsync("admin@eoffice.local"));
        var positions = (await admin.GetJsonAsync("/api/org/positions?limit=200")).GetProperty("items").EnumerateArray()
            .ToDictionary(p => p.Text("title")!, p => p.GetProperty("id").GetGuid());
        people.ReviewerPosition = positions["Kepala Seksi Pengembangan Aplikasi"];
        people.SignerPosition = positions["Kepala Bidang Aplikasi Informatika"];
        people.RecipientPosition = positions["Kepala Bidang Mutasi dan Promosi"];
        await using var db = await platform.OpenDatabaseAsync();
        foreach (var person in people.All)
        {
            person.UserId = await db.ExecuteScalarAsync<Guid>("select id from directory.users where email = @email", new { email = person.Login });
            await people.SignInAsync(person);
        }

        return people;
    }

    /// <summary>Signs everyone in again when the tokens are ten minutes old (they last fifteen).</summary>
    public async Task KeepFreshAsync()
    {
        if (DateTime.UtcNow - Drafter.SignedInAt < TimeSpan.FromMinutes(10))
        {
            return;
        }

        await _refresh.WaitAsync();
        try
        {
            foreach (var person in All.Where(p => DateTime.UtcNow - p.SignedInAt >= TimeSpan.FromMinutes(10)))
            {
                await SignInAsync(person);
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task SignInAsync(Person person)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                person.Token = await _platform.Fixture.LoginAsync(person.Login);
                person.SignedInAt = DateTime.UtcNow;
                return;
            }
            catch (Exception ex) when (attempt < 60 && ex is InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                // Directory may be restarting (faults): try again shortly.
                await Task.Delay(1000);
            }
        }
    }
}

/// <summary>How long each step of one letter took (ms); review is 0 for a letter without a reviewer.</summary>
internal sealed record StepTimes(double Create, double Submit, double Review, double Sign, double Send);

/// <summary>API errors by the phase they happened in and their status ("503", "503 without Retry-After", "no answer").</summary>
internal sealed class ErrorLog
{
    private readonly ConcurrentDictionary<(string Phase, string Status), int> _counts = new();
    private volatile string _phase = "";

    public string Phase
    {
        get => _phase;
        set => _phase = value;
    }

    public void Add(string status) => _counts.AddOrUpdate((_phase, status), 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, int> In(string phase) =>
        _counts.Where(c => c.Key.Phase == phase).ToDictionary(c => c.Key.Status, c => c.Value, StringComparer.Ordinal);

    public int Total => _counts.Values.Sum();

    public static string Describe(IReadOnlyDictionary<string, int> errors) =>
        errors.Count == 0 ? "none" : string.Join(", ", errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}"));
}

/// <summary>
/// One letter from draft to sent through the gateway, as the web app does it (each POST with an
/// <c>Idempotency-Key</c>). With an <see cref="ErrorLog"/>, a failed step is counted and tried again (a
/// client retrying through an outage); without, it fails the run.
/// </summary>
internal sealed class LetterFlow(BenchPlatform platform, ErrorLog? errors = null)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);
    private readonly HttpClient _http = platform.Fixture.Gateway;

    private LetterPeople People => platform.People;

    /// <summary>Drafts a letter (with a reviewer when <paramref name="review"/>); returns its id.</summary>
    public async Task<Guid> CreateAsync(string subject, bool review, CancellationToken ct)
    {
        var body = await CallAsync(People.Drafter, "create", "/api/letters", new
        {
            type = "Nota Dinas",
            subject,
            summary = "Uji kinerja",
            body = "Dengan hormat, naskah ini dibuat oleh uji kinerja EOffice. " + subject,
            classificationCode = "800.2",
            security = "Biasa",
            urgency = "Biasa",
            to = new[] { new { positionId = People.RecipientPosition } },
            cc = Array.Empty<object>(),
            reviewers = review ? new[] { People.ReviewerPosition } : Array.Empty<Guid>(),
            signerPositionId = People.SignerPosition,
        }, Guid.NewGuid().ToString("N"), ct);
        return body.GetProperty("id").GetGuid();
    }

    public Task SubmitAsync(Guid id, CancellationToken ct) =>
        CallAsync(People.Drafter, "submit", $"/api/letters/{id}/submit", new { }, id + "-submit", ct);

    public Task ReviewAsync(Guid id, CancellationToken ct) =>
        CallAsync(People.Reviewer, "review", $"/api/letters/{id}/review", new { decision = "approve" }, id + "-review", ct);

    public Task SignAsync(Guid id, CancellationToken ct) =>
        CallAsync(People.Signer, "sign", $"/api/letters/{id}/sign", new { password = PlatformFixture.DemoPassword }, id + "-sign", ct);

    public Task SendAsync(Guid id, CancellationToken ct) =>
        CallAsync(People.Signer, "send", $"/api/letters/{id}/send", new { }, id + "-send", ct);

    /// <summary>All five steps (four without review), timed.</summary>
    public async Task<(Guid Id, StepTimes Times)> RunAsync(string subject, bool review, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var id = await CreateAsync(subject, review, ct);
        var create = Lap(clock);
        await SubmitAsync(id, ct);
        var submit = Lap(clock);
        var reviewed = 0.0;
        if (review)
        {
            await ReviewAsync(id, ct);
            reviewed = Lap(clock);
        }

        await SignAsync(id, ct);
        var sign = Lap(clock);
        await SendAsync(id, ct);
        var send = Lap(clock);
        return (id, new StepTimes(create, submit, reviewed, sign, send));
    }

    private static double Lap(Stopwatch clock)
    {
        var ms = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        return ms;
    }

    private async Task<JsonElement> CallAsync(Person who, string step, string path, object payload, string key, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            await People.KeepFreshAsync();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(payload) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", who.Token);
            request.Headers.Add("Idempotency-Key", key);
            string failure;
            try
            {
                using var response = await _http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    return await response.ReadJsonAsync();
                }

                var code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is null)
                {
                    code += " without Retry-After";
                }

                failure = $"{step} {path} answered {code}: {await response.Content.ReadAsStringAsync(ct)}";
                if (errors is null)
                {
                    throw new HttpRequestException(failure);
                }

                errors.Add(code);
            }
            catch (HttpRequestException ex) when (errors is not null)
            {
                errors.Add("no answer");
                failure = $"{step} {path}: {ex.Message}";
            }
            catch (TaskCanceledException ex) when (errors is not null && !ct.IsCancellationRequested)
            {
                errors.Add("timeout");
                failure = $"{step} {path}: {ex.Message}";
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up after {GiveUpAfter.TotalMinutes:0} min: {failure}");
            }

            await Task.Delay(500, ct);
        }
    }
}

/// <summary>Where a sent letter has got to, read from the services' own tables.</summary>
internal sealed record LetterState(Guid Id, bool Delivered, int Deliveries, int Records, int Units, int Notifications, int MostPerPerson)
{
    /// <summary>In the recipient's inbox, archived in both units (sender's and recipient's), notified.</summary>
    public bool Complete => Delivered && Units >= 2 && Notifications >= 1;

    /// <summary>Anything there twice: two deliveries, two records for one unit, two notifications for one person.</summary>
    public bool Duplicated => Deliveries > 1 || Records > Units || MostPerPerson > 1;

    public static async Task<IReadOnlyList<LetterState>> ReadAsync(NpgsqlConnection db, IReadOnlyCollection<Guid> ids) =>
        [.. await db.QueryAsync<LetterState>(
            """
            select l.id as Id,
              exists (select 1 from correspondence.letter_recipients r where r.letter_id = l.id and r.delivered_at is not null) as Delivered,
              (select count(*)::int from correspondence.timeline t where t.letter_id = l.id and t.action = 'delivered') as Deliveries,
              (select count(*)::int from archive.records a where a.letter_id = l.id) as Records,
              (select count(distinct a.unit_id)::int from archive.records a where a.letter_id = l.id) as Units,
              (select count(*)::int from notification.notifications n where n.link = '/letters/' || l.id::text and n.kind = 'letter-received') as Notifications,
              coalesce((select max(c)::int from (select count(*) as c from notification.notifications n
                        where n.link = '/letters/' || l.id::text and n.kind = 'letter-received' group by n.user_id) x), 0) as MostPerPerson
            from unnest(@ids) as l(id)
            """, new { ids = ids.ToArray() })];
}

/// <summary>Watches sent letters until each is complete, noting when.</summary>
internal sealed class CompletionWatch(BenchPlatform platform)
{
    private readonly ConcurrentDictionary<Guid, long> _pending = new();
    private readonly ConcurrentDictionary<Guid, double> _done = new();

    /// <summary>Queries made by the watch itself (each one a committed transaction, to subtract).</summary>
    public int Queries { get; private set; }

    public IReadOnlyDictionary<Guid, double> Done => _done;

    /// <summary>When each letter was complete, as <see cref="Stopwatch"/> seconds since <paramref name="start"/>.</summary>
    public void Sent(Guid id) => _pending[id] = Stopwatch.GetTimestamp();

    public async Task RunAsync(long start, Func<bool> moreComing, TimeSpan timeout, CancellationToken ct)
    {
        await using var db = await platform.OpenDatabaseAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (moreComing() || !_pending.IsEmpty)
        {
            if (!_pending.IsEmpty)
            {
                var states = await LetterState.ReadAsync(db, [.. _pending.Keys]);
                Queries++;
                var now = Stopwatch.GetElapsedTime(start).TotalSeconds;
                foreach (var s in states.Where(s => s.Complete))
                {
                    _pending.TryRemove(s.Id, out _);
                    _done[s.Id] = now;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_pending.Count} letters were not in the inbox, archived and notified within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100, ct);
        }
    }
}
