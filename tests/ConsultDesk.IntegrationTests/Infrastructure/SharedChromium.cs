using Microsoft.Playwright;
using Xunit;

namespace ConsultDesk.IntegrationTests.Infrastructure;

/// <summary>
/// One headless Chromium for a test class whose tests each open their own context (own cookies and storage): starting
/// Chromium costs a second or two on a 2-core machine, which a class of many page checks paid once per page.
/// </summary>
public sealed class SharedChromium : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.LaunchChromiumAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
    }

    /// <summary>A fresh context (no cookies) in the shared browser, with the Japanese locale the desk expects.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1440, int height = 900) =>
        Browser.OpenContextAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = width, Height = height } });
}
