using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Browser;

/// <summary>The dashboard open in a browser tab of its own, seen through its test hooks.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly IPage page;

    private DashboardPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        this.page = page;
    }

    /// <summary>
    /// How long the dashboard may take to boot: every tab downloads and compiles the .NET WebAssembly runtime
    /// afresh, which takes well over <see cref="ChromiumFixture.Patience"/> on a busy two-core machine.
    /// </summary>
    public static readonly TimeSpan BootPatience = TimeSpan.FromSeconds(90);

    /// <summary>Opens the dashboard that <paramref name="server"/> serves at its root and returns once it is connected to the live stream.</summary>
    /// <remarks>
    /// With <paramref name="apiKey"/> the tab signs in first as a user does (<c>POST /api/v1/session</c>, which sets the
    /// session cookie its requests and stream then carry), for a server that lets no anonymous caller in (cluster mode).
    /// </remarks>
    public static async Task<DashboardPage> OpenAsync(IBrowser browser, Uri server, string? apiKey = null)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout((float)ChromiumFixture.Patience.TotalMilliseconds);
        if (apiKey is not null)
        {
            var signIn = await context.APIRequest.PostAsync(new Uri(server, "api/v1/session").ToString(), new() { DataObject = new { key = apiKey } });
            if (!signIn.Ok)
            {
                throw new InvalidOperationException($"Signing in at {server} answered {signIn.Status}: {await signIn.TextAsync()}");
            }
        }
        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(context, page);
        await page.GotoAsync(server.ToString());
        await Assertions.Expect(dashboard.ConnectionStatus).ToHaveTextAsync("Connected", new() { Timeout = (float)BootPatience.TotalMilliseconds });
        return dashboard;
    }

    /// <summary>The elements matching a CSS <paramref name="selector"/>.</summary>
    public ILocator Locator(string selector) => page.Locator(selector);

    /// <summary>The element with this <c>data-testid</c>.</summary>
    public ILocator TestId(string testId) => page.GetByTestId(testId);

    /// <summary>The header's connection state: Connecting, Connected or Reconnecting….</summary>
    public ILocator ConnectionStatus => page.GetByTestId("connection-status");

    /// <summary>The header's model selector, showing the active model.</summary>
    public ILocator ModelSelector => page.GetByTestId("model-selector");

    /// <summary>The model the selector shows as active, as it reads: status, name and version.</summary>
    /// <remarks>Radzen keeps the closed option list inside the selector, so only its value label is read.</remarks>
    public ILocator SelectedModel => ModelSelector.Locator(".rz-dropdown-label");

    /// <summary>The active model's name above the KPI cards.</summary>
    public ILocator ActiveModelName => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The formatted values of a KPI card (<c>accuracy</c>, <c>latency</c> or <c>throughput</c>), in the order shown.</summary>
    public ILocator KpiValues(string card) => page.GetByTestId($"kpi-{card}").Locator(".kpi-value");

    /// <summary>How a model reads in the selector: its status, name and version.</summary>
    public static string SelectorText(ModelView model) => $"{StatusText(model.Status)} {model.Name} {model.Version}";

    /// <summary>Opens the selector and picks <paramref name="model"/>; Radzen renders the option list at the end of the page.</summary>
    public Task SelectAsync(ModelView model) =>
        // An option's text keeps the markup's line breaks, so its words are matched across any whitespace.
        PickAsync(new Regex($"^\\s*{string.Join("\\s+", SelectorText(model).Split(' ').Select(Regex.Escape))}\\s*$"));

    /// <summary>Opens the selector and picks the model named <paramref name="name"/>, whatever its status.</summary>
    public Task SelectByNameAsync(string name) => PickAsync(new Regex($"\\b{Regex.Escape(name)}\\b"));

    /// <summary>
    /// Opens the selector and clicks the option that reads <paramref name="reading"/>. A click that lands while the
    /// selector redraws for a model update can leave the list closed, so the list is opened again until it shows.
    /// </summary>
    private async Task PickAsync(Regex reading)
    {
        var option = page.GetByRole(AriaRole.Option).Filter(new() { HasTextRegex = reading });
        for (var attempt = 1; ; attempt++)
        {
            await ModelSelector.ClickAsync();
            try
            {
                await option.ClickAsync(new() { Timeout = 3_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    /// <summary>Saves a screenshot of the whole page as <c>screenshots/{name}.png</c> next to the test assembly, the suite's artifacts.</summary>
    public Task SaveScreenshotAsync(string name) =>
        ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png"));

    public Task ScreenshotAsync(string path) => page.ScreenshotAsync(new() { Path = path, FullPage = true });

    public async ValueTask DisposeAsync() => await context.CloseAsync();

    private static string StatusText(ModelStatus status) => status switch
    {
        ModelStatus.Healthy => "Healthy",
        ModelStatus.Warning => "Warning",
        ModelStatus.Critical => "Critical",
        _ => "No data",
    };
}
