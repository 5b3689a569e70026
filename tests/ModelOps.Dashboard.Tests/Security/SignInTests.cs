using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ModelOps.Contracts;
using ModelOps.Dashboard.Layout;
using ModelOps.Dashboard.Pages;
using ModelOps.Dashboard.Services;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Tests.Security;

/// <summary>The sign-in page against a loopback API: the key it posts, the words of each refusal, where it goes after.</summary>
public sealed class SignInTests : ApiTestContext
{
    private const string UnknownKey = "The API key is not valid: it was never issued, or it was revoked. Send an API key as 'Authorization: Bearer mov_…'.";

    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;

    public SignInTests()
    {
        // The dashboard's own client: a 401 answer leads to the sign-in page.
        Services.AddSingleton(new ModelOpsClient(new HttpClient(new SignInRedirectHandler(Session) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = Api.BaseAddress,
        }));
    }

    private BunitNavigationManager Navigation => (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task A_wrong_key_is_refused_in_words_and_the_page_stays()
    {
        Api.AnswerProblem("POST", "/api/v1/session", new ApiProblem { Status = 401, Title = "Authentication required", Detail = UnknownKey });
        var page = Render<SignIn>();

        await page.Find("[data-testid=signin-key]").InputAsync(new ChangeEventArgs { Value = "mov_wrong" });
        await page.Find("[data-testid=signin-form]").SubmitAsync();

        await page.WaitForAssertionAsync(() => Assert.Equal(
            "That key was not accepted. The API key is not valid: it was never issued, or it was revoked.", page.Find("[data-testid=signin-error]").TextContent));
        Assert.Equal(["POST /api/v1/session {\"key\":\"mov_wrong\"}"], Api.Requests);
        Assert.Equal("", page.Find("[data-testid=signin-key]").GetAttribute("value") ?? "");
        Assert.Equal("http://localhost/", Navigation.Uri);
        // The sign-in's own 401 is a wrong key, not the end of a session.
        Assert.False(Session.SignInRequired);
    }

    [Fact]
    public async Task Too_many_failures_say_when_to_try_again()
    {
        Api.AnswerText("POST", "/api/v1/session", "application/problem+json",
            """{"status":429,"title":"Too many failed authentications","detail":"Too many failed authentications from 127.0.0.1; try again in 42 s."}""",
            429, new Dictionary<string, string> { ["Retry-After"] = "42" });
        var page = Render<SignIn>();

        await page.Find("[data-testid=signin-key]").InputAsync(new ChangeEventArgs { Value = "mov_any" });
        await page.Find("[data-testid=signin-form]").SubmitAsync();

        await page.WaitForAssertionAsync(() => Assert.Equal(
            "Too many failed sign-ins from this address. Try again in 42 seconds.", page.Find("[data-testid=signin-error]").TextContent));
    }

    [Fact]
    public async Task An_empty_key_is_asked_for_without_a_request()
    {
        var page = Render<SignIn>();

        await page.Find("[data-testid=signin-form]").SubmitAsync();

        Assert.Equal("Enter an API key: it begins with mov_.", page.Find("[data-testid=signin-error]").TextContent);
        Assert.Empty(Api.Requests);
    }

    [Theory]
    [InlineData("signin?returnUrl=%2Fmanage", "http://localhost/manage")]
    [InlineData("signin?returnUrl=%2Fcluster%3Fx%3D1", "http://localhost/cluster?x=1")]
    [InlineData("signin", "http://localhost/")]
    [InlineData("signin?returnUrl=%2F%2Fevil.example%2Fx", "http://localhost/")]
    [InlineData("signin?returnUrl=https%3A%2F%2Fevil.example%2F", "http://localhost/")]
    [InlineData("signin?returnUrl=%2F%5Cevil.example", "http://localhost/")]
    [InlineData("signin?returnUrl=%2Fsignin", "http://localhost/")]
    public async Task A_good_key_loads_the_dashboard_afresh_where_the_user_came_from_and_nowhere_else(string signInAt, string expected)
    {
        Api.Answer("POST", "/api/v1/session", new SessionView { Name = "alice", Role = ApiRole.Viewer, Models = ["*"], Anonymous = false }, Json.SessionView);
        Navigation.NavigateTo(signInAt);
        var page = Render<SignIn>();

        await page.Find("[data-testid=signin-key]").InputAsync(new ChangeEventArgs { Value = " mov_good " });
        await page.Find("[data-testid=signin-form]").SubmitAsync();

        await page.WaitForAssertionAsync(() => Assert.Equal(expected, Navigation.Uri));
        Assert.True(Navigation.History.First().Options.ForceLoad);
        Assert.Equal(["POST /api/v1/session {\"key\":\"mov_good\"}"], Api.Requests);
        Assert.Empty(page.FindAll("[data-testid=signin-error]"));
    }

    [Fact]
    public async Task Starting_without_a_session_goes_to_the_sign_in_page_and_comes_back_after()
    {
        Api.AnswerProblem("GET", "/api/v1/session", 401, UnknownKey);
        Navigation.NavigateTo("manage");
        var keeper = new SessionKeeper(Session, Store, Services.GetRequiredService<ModelOpsClient>(), NullLogger<SessionKeeper>.Instance);

        Assert.False(await keeper.LoadAsync(Xunit.TestContext.Current.CancellationToken));
        var layout = Render<MainLayout>(parameters => parameters.Add(p => p.Body, "<p id=\"page\">page</p>"));

        Assert.Equal("http://localhost/signin?returnUrl=%2Fmanage", Navigation.Uri);
        Assert.Empty(layout.FindAll("#page"));
        Assert.Null(Session.Current);
    }

    [Fact]
    public async Task A_401_while_the_dashboard_is_open_goes_to_the_sign_in_page()
    {
        SignInAs(ApiRole.Editor);
        Api.AnswerProblem("GET", "/api/v1/models/fraud/drift", 401, UnknownKey);
        Navigation.NavigateTo("cluster");
        Render<MainLayout>(parameters => parameters.Add(p => p.Body, "<p id=\"page\">page</p>"));

        await Assert.ThrowsAsync<ModelOpsApiException>(() => Services.GetRequiredService<ModelOpsClient>().GetDriftAsync("fraud", cancellationToken: Xunit.TestContext.Current.CancellationToken));

        Assert.Equal("http://localhost/signin?returnUrl=%2Fcluster", Navigation.Uri);
    }

    [Fact]
    public async Task A_lost_stream_whose_session_is_over_goes_to_the_sign_in_page()
    {
        SignInAs(ApiRole.Viewer);
        Api.AnswerProblem("GET", "/api/v1/session", 401, UnknownKey);
        var keeper = new SessionKeeper(Session, Store, Services.GetRequiredService<ModelOpsClient>(), NullLogger<SessionKeeper>.Instance);
        keeper.Watch();
        var layout = Render<MainLayout>(parameters => parameters.Add(p => p.Body, "<p id=\"page\">page</p>"));

        // A browser does not say why a WebSocket handshake failed: the lost stream makes the dashboard ask for its session.
        await SetConnectionAsync(ConnectionState.Disconnected);

        await layout.WaitForAssertionAsync(() => Assert.Equal("http://localhost/signin", Navigation.Uri));
        Assert.Equal(["GET /api/v1/session"], Api.Requests);
        keeper.Dispose();
    }

    [Fact]
    public async Task A_lost_stream_with_the_session_still_valid_stays_on_the_page()
    {
        SignInAs(ApiRole.Viewer);
        Api.Answer("GET", "/api/v1/session", new SessionView { Name = "alice", Role = ApiRole.Viewer, Models = ["*"], Anonymous = false }, Json.SessionView);
        using var keeper = new SessionKeeper(Session, Store, Services.GetRequiredService<ModelOpsClient>(), NullLogger<SessionKeeper>.Instance);
        keeper.Watch();
        Render<MainLayout>(parameters => parameters.Add(p => p.Body, "<p id=\"page\">page</p>"));

        await SetConnectionAsync(ConnectionState.Disconnected);
        await Api.UntilRequestsAsync(1);

        Assert.Equal("http://localhost/", Navigation.Uri);
        Assert.False(Session.SignInRequired);
    }
}
