using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.Pages;

namespace ModelOps.Dashboard.Tests.Pages;

public sealed class FleetPageTests : ApiTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly ModelView[] FirstPage =
    [
        TestModels.Classifier("churn", "Churn scorer", ModelStatus.Warning, count: 30),
        TestModels.Classifier("fraud", "Fraud detector", ModelStatus.Critical, count: 10),
        TestModels.Classifier("spam", "Spam filter", ModelStatus.NoData, count: 0),
    ];

    [Fact]
    public async Task The_table_pages_with_the_Link_header_and_goes_back_to_the_pages_seen()
    {
        AnswerPage("/api/v1/models?limit=50", FirstPage, next: "/api/v1/models?limit=50&cursor=c3BhbQ");
        AnswerPage("/api/v1/models?limit=50&cursor=c3BhbQ", [TestModels.Classifier("zeta", "Zeta", count: 5)], next: null);

        var page = Render<FleetPage>();
        await page.WaitForAssertionAsync(() => Assert.Equal(3, page.FindAll("[data-testid=fleet-row]").Count), Wait);
        var first = Rows(page);
        await page.Find("[data-testid=fleet-next]").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Equal(["zeta"], Ids(page)), Wait);
        var second = Rows(page);
        var nextDisabled = page.Find("[data-testid=fleet-next]").HasAttribute("disabled");
        await page.Find("[data-testid=fleet-previous]").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Equal(["churn", "fraud", "spam"], Ids(page)), Wait);

        Assert.Equal(
            ["churn | Churn scorer | Warning | 30 | – | 0", "fraud | Fraud detector | Critical | 10 | – | 0", "spam | Spam filter | No data | 0 | – | 0"],
            first);
        Assert.Equal(["zeta | Zeta | Healthy | 5 | – | 0"], second);
        Assert.True(nextDisabled);
        Assert.True(page.Find("[data-testid=fleet-previous]").HasAttribute("disabled"));
        Assert.Equal("Page 1", page.Find("[data-testid=fleet-page-number]").TextContent);
    }

    [Fact]
    public async Task A_column_header_sorts_the_page_and_a_second_click_reverses_it()
    {
        AnswerPage("/api/v1/models?limit=50", FirstPage, next: null);
        var page = Render<FleetPage>();
        await page.WaitForAssertionAsync(() => Assert.Equal(3, page.FindAll("[data-testid=fleet-row]").Count), Wait);

        await page.Find("[data-testid=sort-status]").ClickAsync(new());
        var ascending = Ids(page);
        var mark = page.Find("[data-testid=sort-status]").ParentElement!.GetAttribute("aria-sort");
        await page.Find("[data-testid=sort-status]").ClickAsync(new());
        var descending = Ids(page);
        await page.Find("[data-testid=sort-count]").ClickAsync(new());

        Assert.Equal(["spam", "churn", "fraud"], ascending);
        Assert.Equal("ascending", mark);
        Assert.Equal(["fraud", "churn", "spam"], descending);
        Assert.Equal(["spam", "fraud", "churn"], Ids(page));
    }

    [Fact]
    public async Task Searching_and_choosing_a_status_ask_the_server_for_the_first_page_of_that_filter()
    {
        AnswerPage("/api/v1/models?limit=50", FirstPage, next: null);
        AnswerPage("/api/v1/models?limit=50&q=fra", [FirstPage[1]], next: null);
        AnswerPage("/api/v1/models?limit=50&q=fra&status=critical", [FirstPage[1]], next: null);
        var page = Render<FleetPage>();
        await page.WaitForAssertionAsync(() => Assert.Equal(3, page.FindAll("[data-testid=fleet-row]").Count), Wait);

        await page.Find("[data-testid=fleet-search]").InputAsync(new ChangeEventArgs { Value = "fra" });
        await page.WaitForAssertionAsync(() => Assert.Equal(["fraud"], Ids(page)), Wait);
        await page.Find("[data-testid=fleet-status]").ChangeAsync(new ChangeEventArgs { Value = nameof(ModelStatus.Critical) });
        await Api.UntilRequestsAsync(3);
        await page.WaitForAssertionAsync(() => Assert.Equal(["fraud"], Ids(page)), Wait);

        Assert.Equal(["GET /api/v1/models?limit=50", "GET /api/v1/models?limit=50&q=fra", "GET /api/v1/models?limit=50&q=fra&status=critical"], Api.Requests);
    }

    private void AnswerPage(string pathAndQuery, IReadOnlyList<ModelView> models, string? next) =>
        Api.AnswerText("GET", pathAndQuery, "application/json", JsonSerializer.Serialize(models, ModelOpsJsonContext.Default.IReadOnlyListModelView),
            headers: next is null ? null : new Dictionary<string, string> { ["Link"] = $"<{next}>; rel=\"next\"" });

    private static string[] Ids(IRenderedComponent<FleetPage> page) =>
        [.. page.FindAll("[data-testid=fleet-row]").Select(row => row.GetAttribute("data-model-id")!)];

    private static string[] Rows(IRenderedComponent<FleetPage> page) =>
        [.. page.FindAll("[data-testid=fleet-row]").Select(row => string.Join(" | ", row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim())))];
}
