using System.Text.RegularExpressions;
using EOffice.Testing;
using Microsoft.Playwright;

namespace EOffice.Web.Tests.Browser;

/// <summary>
/// One civil servant at their own browser: signs in, uses the app's controls by their Indonesian labels (as a
/// person or a screen reader finds them), and photographs each screen into <c>.eoffice/screenshots/&lt;scenario&gt;/</c>.
/// </summary>
public sealed partial class WebUser(IPage page, string screenshots, string who)
{
    private static int _shots;

    /// <summary>The page.</summary>
    public IPage Page { get; } = page;

    /// <summary>Opens a browser for a user of the given size.</summary>
    public static async Task<WebUser> OpenAsync(BrowserFixture browser, ViewportSize viewport, string scenario, string who) =>
        new(await browser.OpenAsync(viewport), Path.Combine(browser.ScreenshotRoot, scenario), who);

    /// <summary>Signs in on the sign-in page with a NIP or an email.</summary>
    public async Task SignInAsync(string username, string password = PlatformFixture.DemoPassword)
    {
        await Page.GotoAsync("/masuk");
        await Page.GetByLabel("NIP atau email").FillAsync(username);
        await Page.GetByLabel("Kata sandi").FillAsync(password);
        await ShotAsync("masuk");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Masuk", Exact = true }).ClickAsync();
    }

    /// <summary>Signs in and waits for the home page.</summary>
    public async Task SignedInAsync(string username)
    {
        await SignInAsync(username);
        await Page.WaitForURLAsync(new Regex("/$"));
        await Expect.Visible(Page.GetByRole(AriaRole.Heading, new() { Name = "Beranda" }));
        await ShotAsync("beranda");
    }

    /// <summary>Chooses <paramref name="option"/> in a select (MudSelect) found by its label.</summary>
    public async Task SelectAsync(string label, string option)
    {
        await Page.GetByLabel(label, new() { Exact = true }).First.ClickAsync(new() { Force = true });
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
    }

    /// <summary>Types into a search-as-you-type field (MudAutocomplete) and picks the first option that contains <paramref name="pick"/>.</summary>
    public async Task PickAsync(string label, string search, string pick)
    {
        var field = Page.GetByLabel(label, new() { Exact = true });
        await field.ClickAsync();
        await field.FillAsync(search);
        var option = Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = pick }).First;
        await option.WaitForAsync();
        await option.ClickAsync();
    }

    /// <summary>Clicks a button (or a link that looks like one) by its text.</summary>
    public Task ClickAsync(string button) =>
        Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true })
            .Or(Page.GetByRole(AriaRole.Link, new() { Name = button, Exact = true }))
            .Filter(new() { Visible = true }).First.ClickAsync();

    /// <summary>Clicks a button inside the open dialog.</summary>
    public Task ConfirmAsync(string button) =>
        Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    /// <summary>The number on the notification bell (0 when it shows none).</summary>
    public async Task<int> BellCountAsync()
    {
        var text = await Page.EvaluateAsync<string?>(
            """
            () => {
              const bell = document.querySelector('button[aria-label="Notifikasi"]');
              const root = bell && bell.closest('.mud-badge-root');
              const badge = root && root.querySelector('.mud-badge');
              return badge && getComputedStyle(badge).display !== 'none' ? badge.textContent.trim() : null;
            }
            """);
        return int.TryParse(text?.TrimEnd('+'), out var n) ? n : 0;
    }

    /// <summary>Fails when the page is wider than the window (a phone must never scroll sideways).</summary>
    public async Task NoSidewaysScrollAsync(string screen)
    {
        var size = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(size[0] <= size[1], $"{who} on {screen}: the page is {size[0]} px wide in a {size[1]} px window.");
    }

    /// <summary>Saves a full-page screenshot of the current screen, numbered in the order taken.</summary>
    public async Task ShotAsync(string screen, bool checkWidth = true)
    {
        System.IO.Directory.CreateDirectory(screenshots);
        var n = Interlocked.Increment(ref _shots);
        // From the top: a full-page capture of a scrolled page draws the fixed app bar in the middle.
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"{n:000}-{who}-{screen}.png"), FullPage = true });
        if (checkWidth && Page.ViewportSize is { Width: < 600 })
        {
            await NoSidewaysScrollAsync(screen);
        }
    }
}

/// <summary>Waiting for what a user would see, with the page's default timeout.</summary>
public static class Expect
{
    /// <summary>Waits until the element is visible.</summary>
    public static Task Visible(ILocator locator) => locator.Filter(new() { Visible = true }).First.WaitForAsync(new() { State = WaitForSelectorState.Visible });
}
