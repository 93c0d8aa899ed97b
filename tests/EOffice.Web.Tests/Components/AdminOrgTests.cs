using System.Net;
using AngleSharp.Dom;
using Bunit;
using EOffice.Web.Components;
using EOffice.Web.Pages.Admin;
using EOffice.Web.Services;
using MudBlazor;

namespace EOffice.Web.Tests.Components;

/// <summary>The admin screens of the org chart: the user form's field errors, the holder change showing pending work first, refusals.</summary>
public sealed class AdminOrgTests : AppContext
{
    private static readonly Guid Me = Guid.Parse("0196f1d2-0000-7000-8000-000000000001");
    private readonly Guid _position = Guid.CreateVersion7();
    private readonly Guid _holder = Guid.CreateVersion7();
    private readonly Guid _user = Guid.CreateVersion7();

    private void SignedIn(string role) =>
        Api.On(HttpMethod.Get, "/api/session", HttpStatusCode.OK,
            $$"""{"user":{"id":"{{Me}}","name":"Administrator","nip":"1","positionId":null,"roles":["{{role}}"]},"expiresAt":null}""");

    private IRenderedComponent<T> Open<T>(Action<Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder>? attributes = null) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<T>(1);
            attributes?.Invoke(b);
            b.CloseComponent();
        });
        return host.FindComponent<T>();
    }

    private static IElement Field(IRenderedComponent<UserForm> form, string label) =>
        form.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    private static void Type(IRenderedComponent<UserForm> form, string label, string value) => Field(form, label).QuerySelector("input")!.Change(value);

    private static void Click(IRenderedComponent<UserForm> form, string text) => form.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    private string UserJson(string? nik) => $$"""
        {"id":"{{_user}}","nip":"199001012020011001","name":"Rina Oktaviani","email":"rina@eoffice.local","phone":null,"positionId":null,
         "positionTitle":null,"unitId":null,"unitName":null,"roles":["staff","archivist"],"active":true,"nik":{{(nik is null ? "null" : $"\"{nik}\"")}}}
        """;

    [Fact]
    public void The_user_form_shows_a_nik_that_is_not_16_digits_and_a_short_nip_at_their_fields_and_sends_nothing()
    {
        var form = Open<UserForm>();
        Type(form, "NIP", "19900101");
        Type(form, "Nama", "Rina Oktaviani");
        Type(form, "Email", "rina@eoffice.local");
        Type(form, "NIK", "32760112345");
        Type(form, "Kata sandi awal", "Sandi#2026");

        Click(form, "Simpan");

        form.WaitForAssertion(() => Assert.Contains("NIK terdiri dari 16 angka.", Field(form, "NIK").TextContent, StringComparison.Ordinal));
        Assert.Contains("NIP terdiri dari 18 angka.", Field(form, "NIP").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("16 angka.", Field(form, "Email").TextContent, StringComparison.Ordinal);
        Assert.Contains("Periksa kembali isian yang ditandai.", form.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(Api.Received, r => r.Request.Method == HttpMethod.Post);
    }

    [Fact]
    public void The_user_form_puts_the_servers_field_errors_and_a_nik_taken_by_someone_else_at_their_fields()
    {
        Api.On(HttpMethod.Put, $"/api/org/users/{_user}", HttpStatusCode.Conflict,
            """{"status":409,"title":"Conflict","code":"nik-taken","detail":"NIK ini sudah tercatat untuk pengguna lain."}""", "application/problem+json");
        var user = System.Text.Json.JsonSerializer.Deserialize<AdminUser>(UserJson("3276010101900001"), EOffice.Web.Services.Api.Json)!;
        var form = Open<UserForm>(b => b.AddAttribute(2, nameof(UserForm.User), user));
        Assert.Equal("3276010101900001", Field(form, "NIK").QuerySelector("input")!.GetAttribute("value"));
        Assert.DoesNotContain(form.FindAll(".mud-input-control"), c => c.QuerySelector("label")?.TextContent.Trim() == "Kata sandi awal");
        Type(form, "NIK", "3276010101900002");

        Click(form, "Simpan");

        form.WaitForAssertion(() => Assert.Contains("NIK ini sudah tercatat untuk pengguna lain.", Field(form, "NIK").TextContent, StringComparison.Ordinal));
        var body = Api.Received.Single(r => r.Request.Method == HttpMethod.Put).Body!;
        Assert.Contains("\"nik\":\"3276010101900002\"", body, StringComparison.Ordinal);
        Assert.Contains("\"roles\":[\"staff\",\"archivist\"]", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"password\":\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_user_form_shows_the_servers_400_at_each_named_field_in_indonesian()
    {
        Api.On(HttpMethod.Post, "/api/org/users", HttpStatusCode.BadRequest,
            """{"status":400,"title":"Bad Request","errors":{"email":["A valid email address."],"nik":["NIK terdiri dari 16 angka."]}}""", "application/problem+json");
        var create = Open<UserForm>();
        Type(create, "NIP", "199001012020011009");
        Type(create, "Nama", "Bayu Saputra");
        Type(create, "Email", "bayu");
        Type(create, "Kata sandi awal", "Sandi#2026");
        Click(create, "Simpan");
        create.WaitForAssertion(() => Assert.Contains("Alamat email tidak valid.", Field(create, "Email").TextContent, StringComparison.Ordinal));
        Assert.Contains("NIK terdiri dari 16 angka.", Field(create, "NIK").TextContent, StringComparison.Ordinal);
    }

    private AdminPosition Position() => new(
        _position, "Kepala Seksi Pengelolaan Informasi Publik", Guid.CreateVersion7(), "DISKOMINFO-IKP-PI", "Seksi Pengelolaan Informasi Publik",
        null, true, true, new PositionHolder(_holder, "Teguh Prasetyo", "198404052009011006"), null);

    private void Pending() =>
        Api.On(HttpMethod.Get, $"/api/org/positions/{_position}/pending", HttpStatusCode.OK, $$"""
            {"positionId":"{{_position}}","drafts":1,"toReview":2,"toSign":1,"toSend":0,"unreadIncoming":4,"openDispositions":3,
             "items":[{"kind":"toReview","letterId":"{{Guid.CreateVersion7()}}","dispositionId":null,"number":null,"subject":"Laporan keterbukaan informasi publik","security":"Biasa","at":"2026-12-01T03:00:00Z"},
                      {"kind":"openDispositions","letterId":"{{Guid.CreateVersion7()}}","dispositionId":"{{Guid.CreateVersion7()}}","number":"B-12/KOMDIGI/2026","subject":null,"security":"Rahasia","at":"2026-12-01T04:00:00Z"}],
             "unavailable":[]}
            """);

    [Fact]
    public void Moving_the_holder_first_shows_the_positions_pending_work_and_nothing_is_moved_until_a_target_is_confirmed()
    {
        Pending();
        var change = Open<HolderChange>(b =>
        {
            b.AddAttribute(2, nameof(HolderChange.Position), Position());
            b.AddAttribute(3, nameof(HolderChange.Move), true);
        });

        change.WaitForAssertion(() => Assert.Contains("Laporan keterbukaan informasi publik", change.Markup, StringComparison.Ordinal));
        var rows = change.FindAll("#pending-work tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal("2", rows["Surat menunggu diperiksa"]);
        Assert.Equal("1", rows["Surat menunggu ditandatangani"]);
        Assert.Equal("3", rows["Disposisi terbuka"]);
        Assert.Contains("B-12/KOMDIGI/2026", change.Markup, StringComparison.Ordinal);
        Assert.Contains("tetap pada jabatan", change.Markup, StringComparison.Ordinal);
        Assert.Contains("Memindahkan", change.Markup, StringComparison.Ordinal);
        Assert.Contains("Teguh Prasetyo", change.Markup, StringComparison.Ordinal);
        Assert.True(change.FindAll("button").Single(b => b.TextContent.Trim() == "Konfirmasi pindah").HasAttribute("disabled"));
        Assert.DoesNotContain(Api.Received, r => r.Request.Method != HttpMethod.Get);
    }

    [Fact]
    public void Vacating_a_position_happens_only_after_its_pending_work_is_shown()
    {
        Pending();
        Api.On(HttpMethod.Put, $"/api/org/positions/{_position}/holder", HttpStatusCode.OK, "{}");
        string? done = null;
        var change = Open<HolderChange>(b =>
        {
            b.AddAttribute(2, nameof(HolderChange.Position), Position());
            b.AddAttribute(3, nameof(HolderChange.OnDone), Microsoft.AspNetCore.Components.EventCallback.Factory.Create<string>(this, m => done = m));
        });
        change.WaitForAssertion(() => Assert.Contains("Disposisi terbuka", change.Markup, StringComparison.Ordinal));
        Assert.True(change.FindAll("button").Single(b => b.TextContent.Trim() == "Konfirmasi ganti pemegang").HasAttribute("disabled"));
        var pendingAt = Api.Received.FindIndex(r => r.Request.RequestUri!.AbsolutePath.EndsWith("/pending", StringComparison.Ordinal));

        change.FindAll("button").Single(b => b.TextContent.Trim() == "Kosongkan jabatan").Click();

        change.WaitForAssertion(() => Assert.Equal("Jabatan Kepala Seksi Pengelolaan Informasi Publik dikosongkan.", done));
        var put = Api.Received.FindIndex(r => r.Request.Method == HttpMethod.Put);
        Assert.True(pendingAt >= 0 && put > pendingAt);
        Assert.Equal("""{"userId":null}""", Api.Received[put].Body);
    }

    [Theory]
    [InlineData(typeof(Organisation), "struktur organisasi")]
    [InlineData(typeof(Users), "mengatur ulang kata sandi")]
    [InlineData(typeof(Letterheads), "kop surat atau logo")]
    public void Someone_who_is_not_an_admin_is_told_kindly_and_nothing_is_asked_of_the_org_chart(Type page, string text)
    {
        SignedIn("staff");
        var host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent(1, page);
            b.CloseComponent();
        });

        host.WaitForAssertion(() => Assert.Contains("hanya untuk admin aplikasi", host.Markup, StringComparison.Ordinal));
        Assert.Contains(text, host.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(Api.Received, r => r.Request.RequestUri!.AbsolutePath.StartsWith("/api/org", StringComparison.Ordinal));
    }

    [Fact]
    public void A_password_reset_asks_first_and_then_shows_the_temporary_password_with_the_users_name()
    {
        SignedIn("admin");
        Api.On(HttpMethod.Get, "/api/org/users", HttpStatusCode.OK, $$"""{"items":[{{UserJson("3276010101900001")}}],"next":null}""")
            .On(HttpMethod.Post, $"/api/org/users/{_user}/password-reset", HttpStatusCode.OK, """{"temporaryPassword":"Kp7mQx2RtW9a"}""");
        var page = Open<Users>();
        page.WaitForAssertion(() => Assert.Contains("Rina Oktaviani", page.Markup, StringComparison.Ordinal));
        Assert.Contains("NIK 3276010101900001", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Arsiparis", page.Markup, StringComparison.Ordinal);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Atur ulang kata sandi").Click();
        Assert.DoesNotContain(Api.Received, r => r.Request.Method == HttpMethod.Post);
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Ya, atur ulang").Click();

        page.WaitForAssertion(() => Assert.Contains("Kp7mQx2RtW9a", page.Find("#temporary-password").TextContent, StringComparison.Ordinal));
        Assert.Contains("hanya ditampilkan sekali", page.Markup, StringComparison.Ordinal);
    }
}
