using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ModelOps.Api.Tests.Security;
using ModelOps.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ModelOps.Api.Tests.Browser;

/// <summary>
/// The dashboard's sign-in in headless Chromium against the real product with anonymous loopback access off: the page
/// asks for a key, refuses a wrong one in words, takes a viewer's, shows who is signed in and offers no change, signs out.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(SecureServerFixture fixture, ChromiumFixture chromium)
    : IClassFixture<SecureServerFixture>, IClassFixture<ChromiumFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Boot = new() { Timeout = (float)DashboardPage.BootPatience.TotalMilliseconds };

    private readonly SecureServer secure = fixture.Secure;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_viewer_signs_in_after_a_wrong_key_sees_the_dashboard_without_changes_and_signs_out()
    {
        await secure.AdminClient.PutModelAsync("signin-fraud", TestData.Classifier("Sign-in fraud"), cancel);
        await secure.AdminClient.PostEventsAsync("signin-fraud", TestData.Events(20), cancel);
        var viewer = await secure.CreateKeyAsync("ci-viewer", ApiRole.Viewer);
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout((float)ChromiumFixture.Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();

        // No key, no loopback access: the dashboard goes to its sign-in page instead of showing errors.
        await page.GotoAsync(new Uri(secure.Server.Root, "manage").ToString());
        await Expect(page.GetByTestId("signin-submit")).ToHaveTextAsync("Sign in", Boot);
        await Expect(page).ToHaveURLAsync(new Uri(secure.Server.Root, "signin?returnUrl=%2Fmanage").ToString());

        await page.GetByTestId("signin-key").FillAsync(SecureServer.NewSecret());
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("signin-error")).ToHaveTextAsync("That key was not accepted. The API key is not valid: it was never issued, or it was revoked.");
        await Expect(page.GetByTestId("signin-key")).ToHaveValueAsync("");
        await ScreenshotAsync(page, "signin-wrong-key");

        await page.GetByTestId("signin-key").FillAsync(viewer.Key);
        await page.GetByTestId("signin-submit").ClickAsync();

        // Back where the user came from, loaded afresh with the session cookie: the stream connects with it.
        await Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("Connected", Boot);
        await Expect(page).ToHaveURLAsync(new Uri(secure.Server.Root, "manage").ToString());
        await Expect(page.GetByTestId("session-name")).ToHaveTextAsync("ci-viewer");
        await Expect(page.GetByTestId("session-role")).ToHaveTextAsync("viewer");
        await Expect(page.Locator("#model-form-title")).ToHaveTextAsync("Model signin-fraud");
        await Expect(page.GetByTestId("manage-read-only")).ToHaveTextAsync("Read only: the role viewer may not change models, rules or baselines.");
        foreach (var edit in new[] { "manage-new-model", "model-save", "feature-add", "baseline-upload", "rule-add", "rules-save", "channels-panel" })
        {
            await Expect(page.GetByTestId(edit)).ToHaveCountAsync(0);
        }
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == ApiKeyHeaders.SessionCookie);
        Assert.Equal((true, SameSiteAttribute.Strict), (cookie.HttpOnly, cookie.SameSite));
        await ScreenshotAsync(page, "signin-viewer-manage");

        await page.GetByTestId("nav-overview").ClickAsync();
        await Expect(page.GetByTestId("kpi-accuracy")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("yaml-assist")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "signin-viewer-overview");

        await page.GetByTestId("session-signout").ClickAsync();
        await Expect(page.GetByTestId("signin-submit")).ToHaveTextAsync("Sign in", Boot);
        await Expect(page).ToHaveURLAsync(new Uri(secure.Server.Root, "signin").ToString());
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == ApiKeyHeaders.SessionCookie);

        // Signed out, the dashboard asks for a key again.
        await page.GotoAsync(secure.Server.Root.ToString());
        await Expect(page.GetByTestId("signin-submit")).ToHaveTextAsync("Sign in", Boot);
        await Expect(page).ToHaveURLAsync(new Regex("/signin$"));
        await ScreenshotAsync(page, "signin-signed-out");
    }

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png"), FullPage = true });
}
