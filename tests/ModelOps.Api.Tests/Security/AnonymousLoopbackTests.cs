using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Security;

/// <summary>The default of an embedded server: a request from loopback without a key acts as the admin "loopback".</summary>
public sealed class AnonymousLoopbackTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Without_a_key_a_loopback_request_is_the_admin_loopback_with_every_model()
    {
        var session = await fixture.Server.Client.GetSessionAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("loopback", ApiRole.Admin, true), (session.Name, session.Role, session.Anonymous));
        Assert.Equal(["*"], session.Models);
    }

    [Fact]
    public async Task A_key_sent_from_loopback_is_still_checked()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.Root };
        client.DefaultRequestHeaders.Add("X-API-Key", SecureServer.NewSecret());
        using var response = await client.GetAsync("api/v1/models", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
