using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ModelOps.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ModelOps.Api.Tests.Browser;

/// <summary>A newcomer's own model, made in the dashboard: defined, given a baseline, and then watched on the overview.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ManageBrowserTests(ServerFixture serverFixture, ChromiumFixture chromium)
    : IClassFixture<ServerFixture>, IClassFixture<ChromiumFixture>
{
    private readonly ModelOpsServer server = serverFixture.Server;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_model_created_on_the_models_page_takes_a_baseline_csv_and_shows_on_the_overview()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, server.Root);
        await dashboard.TestId("nav-manage").ClickAsync();
        await dashboard.TestId("manage-new-model").ClickAsync();

        await dashboard.TestId("model-id").FillAsync("e2e-own");
        await dashboard.TestId("model-name").FillAsync("My own model");
        await dashboard.TestId("model-version").FillAsync("0.1.0");
        await dashboard.TestId("feature-add").ClickAsync();
        await dashboard.TestId("feature-name").FillAsync("amount");
        await dashboard.TestId("model-save").ClickAsync();

        await Expect(dashboard.TestId("model-saved")).ToHaveTextAsync("Saved My own model (id e2e-own, version 0.1.0, 1 features).");
        var stored = (await server.Client.GetModelAsync("e2e-own", cancel))!;
        Assert.Equal(("My own model", "0.1.0", ModelTask.Classification), (stored.Name, stored.Version, stored.Task));
        Assert.Equal([("amount", FeatureType.Numeric)], stored.Features.Select(f => (f.Name, f.Type)));

        var csv = new StringBuilder("amount\n");
        for (var i = 0; i < 300; i++)
        {
            csv.Append((10 + i * 0.5).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        await dashboard.TestId("baseline-file").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "baseline.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()),
        });

        await Expect(dashboard.TestId("baseline-result")).ToHaveTextAsync(new Regex(@"^\s*Baseline replaced: 300 rows accepted \(source upload, "));
        var drift = await server.Client.GetDriftAsync("e2e-own", cancellationToken: cancel);
        Assert.Equal((300L, "upload"), (drift.Baseline!.Count, drift.Baseline.Source));
        await dashboard.SaveScreenshotAsync("manage-models");

        await dashboard.TestId("nav-overview").ClickAsync();
        await dashboard.SelectByNameAsync("My own model");
        await Expect(dashboard.ActiveModelName).ToHaveTextAsync("My own model");
    }
}
