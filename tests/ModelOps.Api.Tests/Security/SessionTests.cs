using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Security;

/// <summary>The dashboard's session cookie over real HTTP, with anonymous loopback access off.</summary>
public sealed class SessionTests(SecureServerFixture fixture) : IClassFixture<SecureServerFixture>
{
    private SecureServer Secure => fixture.Secure;

    [Fact]
    public async Task Signing_in_sets_an_HttpOnly_SameSite_Strict_cookie_that_authenticates_until_signing_out()
    {
        var cancel = TestContext.Current.CancellationToken;
        var key = await Secure.CreateKeyAsync("cookie-editor", ApiRole.Editor, "fraud-*");
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Secure.Server.Root };
        var client = new ModelOpsClient(browser);

        var signedIn = await client.SignInAsync(key.Key, cancel);

        Assert.Equal(("cookie-editor", ApiRole.Editor, false), (signedIn.Name, signedIn.Role, signedIn.Anonymous));
        Assert.Equal(["fraud-*"], signedIn.Models);
        var cookie = Assert.Single(cookies.GetAllCookies());
        Assert.Equal((ApiKeyHeaders.SessionCookie, "/", true, DateTime.MinValue), (cookie.Name, cookie.Path, cookie.HttpOnly, cookie.Expires));
        using (var raw = await Secure.ClientFor(null).PostAsJsonAsync("api/v1/session", new SessionRequest { Key = key.Key }, ModelOpsJsonContext.Default.SessionRequest, cancel))
        {
            Assert.Equal($"{ApiKeyHeaders.SessionCookie}={key.Key}; path=/; samesite=strict; httponly", Assert.Single(raw.Headers.GetValues("Set-Cookie")));
        }
        Assert.Equal("cookie-editor", (await client.GetSessionAsync(cancel)).Name);
        await client.PutModelAsync("fraud-by-cookie", TestData.Classifier(), cancel);

        await client.SignOutAsync(cancel);

        Assert.Empty(cookies.GetAllCookies());
        var refused = await Assert.ThrowsAsync<ModelOpsApiException>(() => client.GetSessionAsync(cancel));
        Assert.Equal(401, refused.StatusCode);
    }

    [Fact]
    public async Task Signing_in_with_an_unknown_key_is_401_and_sets_no_cookie()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var anonymous = Secure.ClientFor(null);
        using var response = await anonymous.PostAsJsonAsync("api/v1/session", new SessionRequest { Key = SecureServer.NewSecret() }, ModelOpsJsonContext.Default.SessionRequest, cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancel);
        Assert.StartsWith("The API key is not valid: it was never issued, or it was revoked.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Signing_in_without_a_key_is_400_naming_key()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var response = await Secure.ClientFor(null).PostAsJsonAsync("api/v1/session", new SessionRequest(), ModelOpsJsonContext.Default.SessionRequest, cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("key: required: the API key (mov_…) to sign in with", (await response.Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("detail").GetString());
    }
}
