using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;
using ModelOps.Dashboard.Layout;

namespace ModelOps.Dashboard.Tests.Security;

/// <summary>The header says who is signed in and with what role, or that loopback access stands in for a key.</summary>
public sealed class SessionBadgeTests : ApiTestContext
{
    [Theory]
    [InlineData(ApiRole.Viewer, "viewer")]
    [InlineData(ApiRole.Producer, "producer")]
    [InlineData(ApiRole.Editor, "editor")]
    [InlineData(ApiRole.Admin, "admin")]
    public void The_header_names_the_key_and_its_role(ApiRole role, string shown)
    {
        SignInAs(role, "ci-reader");

        var layout = Render<MainLayout>(parameters => parameters.Add(p => p.Body, "<p>page</p>"));

        Assert.Equal("ci-reader", layout.Find("header [data-testid=session-name]").TextContent);
        Assert.Equal(shown, layout.Find("header [data-testid=session-role]").TextContent);
        Assert.Equal("Sign out", layout.Find("header [data-testid=session-signout]").TextContent.Trim());
        Assert.Empty(layout.FindAll("[data-testid=session-signin]"));
    }

    [Fact]
    public void Anonymous_loopback_access_is_said_so_with_a_way_to_sign_in()
    {
        var badge = Render<SessionBadge>();

        Assert.Equal("Anonymous loopback access", badge.Find("[data-testid=session-name]").TextContent);
        Assert.Equal("admin", badge.Find("[data-testid=session-role]").TextContent);
        Assert.Equal("signin", badge.Find("[data-testid=session-signin]").GetAttribute("href"));
        Assert.Empty(badge.FindAll("[data-testid=session-signout]"));
    }

    [Fact]
    public async Task Signing_out_clears_the_cookie_and_loads_the_sign_in_page_afresh()
    {
        SignInAs(ApiRole.Viewer);
        Api.AnswerNoContent("DELETE", "/api/v1/session");
        var navigation = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();
        var badge = Render<SessionBadge>();

        await badge.Find("[data-testid=session-signout]").ClickAsync(new());

        await badge.WaitForAssertionAsync(() => Assert.Equal("http://localhost/signin", navigation.Uri));
        Assert.True(navigation.History.First().Options.ForceLoad);
        Assert.Equal(["DELETE /api/v1/session"], Api.Requests);
    }

    [Fact]
    public async Task A_failed_sign_out_is_said_and_the_page_stays()
    {
        SignInAs(ApiRole.Viewer);
        Api.AnswerProblem("DELETE", "/api/v1/session", 503, "The service is stopping.");
        var navigation = Services.GetRequiredService<NavigationManager>();
        var badge = Render<SessionBadge>();

        await badge.Find("[data-testid=session-signout]").ClickAsync(new());

        await badge.WaitForAssertionAsync(() => Assert.Equal("Signing out failed: The service is stopping.", badge.Find("[data-testid=session-error]").TextContent));
        Assert.Equal("http://localhost/", navigation.Uri);
    }
}
