using Microsoft.Playwright;
namespace ModelOps.Api.Tests.Browser;
public sealed class ExploreTemp(ServerFixture serverFixture, ChromiumFixture chromium) : IClassFixture<ServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Dump()
    {
        var server = serverFixture.Server;
        await server.Client.PutModelAsync("a-one", TestData.Classifier("One"));
        await server.Client.PutModelAsync("b-two", TestData.Classifier("Two"));
        var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.Root.ToString());
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("Connected");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("One");
        File.WriteAllText("/tmp/explore-before.html", await page.ContentAsync());
        await page.GetByTestId("model-selector").ClickAsync();
        await page.WaitForTimeoutAsync(1000);
        File.WriteAllText("/tmp/explore-after.html", await page.ContentAsync());
        File.WriteAllText("/tmp/explore-aria.txt", await page.Locator("body").AriaSnapshotAsync());
        await context.CloseAsync();
    }
}
