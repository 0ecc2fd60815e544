using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's Chromium as every browser test launches it; pages and contexts that wait up to 90 s for a navigation or an
/// action, and expectations that wait up to 30 s. The browser tests run in the suite's first minutes, while the bench smoke run, the container's base image and three
/// test processes share two cores; CI saw steps that take a second on an idle machine wait more than Playwright's
/// defaults there (a sign-in, a round's creation, the API reference's 3 MB script). A real failure still fails.
/// </summary>
public static class TestBrowser
{
    public const float ActionTimeout = 90_000;
    public const float ExpectTimeout = 30_000;

    /// <summary>Headless Debian Chromium, without the background work (updates, sync, QUIC) that would reach the internet.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(this IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = TestEnvironment.Chromium,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });

    [ModuleInitializer]
    internal static void RaiseTheExpectTimeout() => Assertions.SetDefaultExpectTimeout(ExpectTimeout);

    public static async Task<IPage> OpenPageAsync(this IBrowser browser, BrowserNewPageOptions? options = null)
    {
        var page = await browser.NewPageAsync(options);
        page.SetDefaultTimeout(ActionTimeout);
        return page;
    }

    public static async Task<IBrowserContext> OpenContextAsync(this IBrowser browser, BrowserNewContextOptions? options = null)
    {
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(ActionTimeout);
        return context;
    }
}
