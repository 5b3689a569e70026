using ModelOps.Dashboard.Layout;

namespace ModelOps.Dashboard.Tests.Layout;

public sealed class MainLayoutTests : ApiTestContext
{
    [Fact]
    public void The_header_names_the_product_and_holds_the_model_selector_and_connection_status()
    {
        var layout = Render<MainLayout>(parameters => parameters.Add(p => p.Body, "<p id=\"page\">page</p>"));

        Assert.Equal("ModelOps Vision", layout.Find(".app-title").TextContent);
        Assert.Single(layout.FindAll("header [data-testid=model-selector]"));
        Assert.Equal("Connecting", layout.Find("header [data-testid=connection-status]").TextContent);
        Assert.Equal("page", layout.Find("main #page").TextContent);
    }

    [Fact]
    public void The_header_links_the_overview_the_model_management_the_fleet_and_the_cluster_pages()
    {
        var layout = Render<MainLayout>(parameters => parameters.Add(p => p.Body, "<p>page</p>"));

        Assert.Equal(
            [("nav-overview", "", "Overview"), ("nav-manage", "manage", "Models"), ("nav-fleet", "fleet", "Fleet"), ("nav-cluster", "cluster", "Cluster")],
            layout.FindAll("header nav a").Select(link => (link.GetAttribute("data-testid"), link.GetAttribute("href"), link.TextContent)));
    }
}
