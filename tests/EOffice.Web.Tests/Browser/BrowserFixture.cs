using EOffice.Testing;
using Microsoft.Playwright;

namespace EOffice.Web.Tests.Browser;

/// <summary>
/// The whole platform (as <c>./eoffice up</c> runs it, the web app served by the gateway) and Debian's Chromium,
/// driven by Playwright. Never a downloaded browser: <c>EOFFICE_CHROMIUM</c> or <c>/usr/bin/chromium</c>.
/// Each user gets a browser context of their own (their own cookie), as on their own computer.
/// </summary>
public sealed partial class BrowserFixture : IAsyncLifetime
{
    /// <summary>A desktop window.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };

    /// <summary>A phone (390×844, an iPhone 12–15 size).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The platform behind the browser.</summary>
    public PlatformFixture Platform { get; } = new();

    /// <summary>Where screenshots go: <c>.eoffice/screenshots/</c> of the repository.</summary>
    public string ScreenshotRoot { get; } = Path.Combine(BuildOutput.Locate().Root, ".eoffice", "screenshots");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var webRoot = BuildOutput.Locate().WebRoot;
        if (!File.Exists(Path.Combine(webRoot, "index.html")))
        {
            throw new InvalidOperationException($"The web app is not published at {webRoot}: run ./eoffice test (it publishes web/EOffice.Web there).");
        }

        // Only this run's screens: a reader of the folder should not mistake an old failure for a new one.
        if (System.IO.Directory.Exists(ScreenshotRoot))
        {
            System.IO.Directory.Delete(ScreenshotRoot, recursive: true);
        }

        await Platform.InitializeAsync();
        var chromium = Environment.GetEnvironmentVariable("EOFFICE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"No Chromium at {chromium}: install Debian's chromium (./eoffice test does) or set EOFFICE_CHROMIUM.");
        }

        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root (CI) cannot use Chromium's sandbox; /dev/shm is small in containers.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    /// <summary>A fresh browser (its own cookies) of the given size, opened at the web app.</summary>
    public async Task<IPage> OpenAsync(ViewportSize viewport)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Platform.GatewayAddress.ToString(),
            ViewportSize = viewport,
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
            IsMobile = viewport.Width < 600,
            HasTouch = viewport.Width < 600,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Platform.DisposeAsync();
    }
}

/// <summary>Browser scenarios share one platform and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "browser";
}
