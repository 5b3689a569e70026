using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Security;

/// <summary>Keys over real HTTP with anonymous loopback access off: issued once, stored hashed, refused when revoked or expired.</summary>
public sealed class ApiKeyTests(SecureServerFixture fixture) : IClassFixture<SecureServerFixture>
{
    private SecureServer Secure => fixture.Secure;

    [Fact]
    public async Task A_key_is_shown_once_listed_without_its_secret_and_works_as_bearer_and_as_X_API_Key()
    {
        var cancel = TestContext.Current.CancellationToken;
        var created = await Secure.CreateKeyAsync("ci-producer", ApiRole.Producer, "fraud-*", "churn");

        Assert.StartsWith("mov_", created.Key);
        Assert.Equal(47, created.Key.Length);
        Assert.Equal(("ci-producer", ApiRole.Producer), (created.Name, created.Role));
        Assert.Equal(["fraud-*", "churn"], created.Models);
        var listed = (await Secure.AdminClient.ListKeysAsync(cancel)).Single(key => key.Id == created.Id);
        Assert.Equal(created.Key[..8], listed.Prefix);
        var listing = await Secure.Admin.GetStringAsync("api/v1/keys", cancel);
        Assert.DoesNotContain(created.Key, listing);
        Assert.DoesNotContain(created.Key[8..], listing);

        using var bearer = Secure.ClientFor(created.Key);
        Assert.Equal("ci-producer", (await new ModelOpsClient(bearer).GetSessionAsync(cancel)).Name);
        using var header = new HttpClient { BaseAddress = Secure.Server.Root };
        header.DefaultRequestHeaders.Add("X-API-Key", created.Key);
        var session = await new ModelOpsClient(header).GetSessionAsync(cancel);
        Assert.Equal(("ci-producer", ApiRole.Producer, false), (session.Name, session.Role, session.Anonymous));
    }

    [Fact]
    public async Task The_secret_is_nowhere_in_storage_only_its_hash()
    {
        var cancel = TestContext.Current.CancellationToken;
        var created = await Secure.CreateKeyAsync("stored-hashed", ApiRole.Viewer);

        var files = Directory.EnumerateFiles(Secure.Server.DataDir, "*", SearchOption.AllDirectories).ToArray();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync(cancel);
            Assert.DoesNotContain(created.Key[4..], text);
        }
    }

    [Fact]
    public async Task A_revoked_key_is_refused_within_a_second()
    {
        var cancel = TestContext.Current.CancellationToken;
        var created = await Secure.CreateKeyAsync("to-revoke", ApiRole.Viewer);
        using var client = Secure.ClientFor(created.Key);
        using (var before = await client.GetAsync("api/v1/models", cancel))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await Secure.AdminClient.RevokeKeyAsync(created.Id, cancel);

        await TestData.WaitUntil(async () =>
        {
            using var after = await client.GetAsync("api/v1/models", cancel);
            return after.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(1), "the revoked key to be refused");
        Assert.DoesNotContain(await Secure.AdminClient.ListKeysAsync(cancel), key => key.Id == created.Id);
        using var again = await Secure.Admin.DeleteAsync($"api/v1/keys/{created.Id}", cancel);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task An_expired_key_is_refused_naming_when_it_expired()
    {
        var cancel = TestContext.Current.CancellationToken;
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var created = await Secure.AdminClient.CreateKeyAsync(new ApiKeyRequest { Name = "short-lived", Role = ApiRole.Viewer, ExpiresAt = expiresAt }, cancel);
        using var client = Secure.ClientFor(created.Key);

        HttpResponseMessage? refused = null;
        await TestData.WaitUntil(async () =>
        {
            refused?.Dispose();
            refused = await client.GetAsync("api/v1/models", cancel);
            return refused.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(10), "the key to expire");

        var problem = await refused!.Content.ReadFromJsonAsync<JsonElement>(cancel);
        Assert.StartsWith($"The API key 'short-lived' expired at {created.ExpiresAt:O}.", problem.GetProperty("detail").GetString());
        refused.Dispose();
    }

    [Fact]
    public async Task No_key_is_401_saying_how_to_get_one_and_a_low_role_is_403_naming_the_role_needed()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var anonymous = Secure.ClientFor(null);
        using var missing = await anonymous.DeleteAsync("api/v1/models/fraud-x", cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer realm=\"modelops\"", missing.Headers.WwwAuthenticate.ToString());
        var noKey = await missing.Content.ReadFromJsonAsync<JsonElement>(cancel);
        Assert.Equal(
            "Send an API key as 'Authorization: Bearer mov_…' or 'X-API-Key: mov_…'. An admin creates one with POST /api/v1/keys; "
            + "the first admin key is the one set as ModelOps:Auth:AdminKey (or MODELOPS_ADMIN_KEY). The dashboard signs in at /signin.",
            noKey.GetProperty("detail").GetString());

        using var wrong = Secure.ClientFor(SecureServer.NewSecret());
        using var unknown = await wrong.GetAsync("api/v1/models", cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.StartsWith("The API key is not valid: it was never issued, or it was revoked. Send an API key",
            (await unknown.Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("detail").GetString());

        var viewer = await Secure.CreateKeyAsync("dash-viewer", ApiRole.Viewer);
        using var low = Secure.ClientFor(viewer.Key);
        using var forbidden = await low.DeleteAsync("api/v1/models/fraud-x", cancel);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var problem = await forbidden.Content.ReadFromJsonAsync<JsonElement>(cancel);
        Assert.Equal("This operation needs the role 'editor' or above; the key 'dash-viewer' has the role 'viewer'.", problem.GetProperty("detail").GetString());
        Assert.Equal("editor", problem.GetProperty("requiredRole").GetString());
    }

    [Theory]
    [InlineData("""{"role": "viewer"}""", "name")]
    [InlineData("""{"name": "has space", "role": "viewer"}""", "name")]
    [InlineData("""{"name": "no-role"}""", "role")]
    [InlineData("""{"name": "bad-role", "role": "root"}""", "role")]
    [InlineData("""{"name": "bad-scope", "role": "viewer", "models": ["fraud-*", "a b"]}""", "models[1]")]
    [InlineData("""{"name": "empty-scope", "role": "viewer", "models": []}""", "models")]
    [InlineData("""{"name": "past", "role": "viewer", "expiresAt": "2020-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task A_bad_key_request_is_400_naming_the_field(string body, string field)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var response = await Secure.Admin.PostAsync("api/v1/keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_second_key_of_the_same_name_is_409()
    {
        var cancel = TestContext.Current.CancellationToken;
        await Secure.CreateKeyAsync("twice", ApiRole.Viewer);
        using var response = await Secure.Admin.PostAsJsonAsync("api/v1/keys", new ApiKeyRequest { Name = "twice", Role = ApiRole.Editor }, ModelOpsJsonContext.Default.ApiKeyRequest, cancel);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Lists_fleet_alerts_and_the_cluster_show_only_the_models_of_the_scope()
    {
        var cancel = TestContext.Current.CancellationToken;
        foreach (var id in new[] { "scoped-fraud-1", "scoped-fraud-2", "scoped-churn" })
        {
            await Secure.AdminClient.PutModelAsync(id, TestData.Classifier(), cancel);
        }
        var key = await Secure.CreateKeyAsync("fraud-team", ApiRole.Viewer, "scoped-fraud-*");
        var client = new ModelOpsClient(Secure.ClientFor(key.Key));

        Assert.Equal(["scoped-fraud-1", "scoped-fraud-2"], (await client.ListModelsAsync(cancel)).Select(model => model.Id));
        Assert.Null(await client.GetModelAsync("scoped-churn", cancel));
        Assert.DoesNotContain(await client.GetFleetAlertsAsync(cancellationToken: cancel), alert => !alert.ModelId.StartsWith("scoped-fraud-", StringComparison.Ordinal));
        var models = (await client.GetClusterAsync(cancel)).Silos.SelectMany(silo => silo.Models ?? []).ToArray();
        Assert.DoesNotContain("scoped-churn", models);
    }
}
