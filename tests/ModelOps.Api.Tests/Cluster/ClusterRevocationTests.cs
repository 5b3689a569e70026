using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using ModelOps.Api.Tests.Scale;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Cluster;

/// <summary>
/// Keys on a real cluster (two silos and an API node on Redis): a key created through one node works on the other, and
/// once revoked through one it is refused by the other, whose cached copy is refreshed from the key grain after 0.5 s.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ClusterRevocationTests(RedisServer redis) : IClassFixture<RedisServer>
{
    /// <summary>How long the test polls before it fails; what it measures is reported, not asserted.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_revoked_through_one_node_is_refused_by_the_other()
    {
        await using var cluster = await ClusterNodes.StartAsync(redis);
        var throughApi = new ModelOpsClient(new HttpClient { BaseAddress = cluster.Api.Root, Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { Authorization = new("Bearer", ClusterNodes.AdminKey) } });
        var throughAll = new ModelOpsClient(new HttpClient { BaseAddress = cluster.All.Root, Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { Authorization = new("Bearer", ClusterNodes.AdminKey) } });
        var created = await throughApi.CreateKeyAsync(new ApiKeyRequest { Name = "cluster-reader", Role = ApiRole.Viewer }, cancel);
        using var onApi = KeyClient(cluster.Api.Root, created.Key);
        using var onAll = KeyClient(cluster.All.Root, created.Key);

        // Both nodes have taken the key, so each holds it in its cache when it is revoked.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(onApi));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(onAll));
        Assert.Equal("cluster-reader", (await new ModelOpsClient(onAll).GetSessionAsync(cancel)).Name);

        await throughAll.RevokeKeyAsync(created.Id, cancel);
        var revoked = Stopwatch.StartNew();
        await TestData.WaitUntil(async () => await StatusAsync(onApi) == HttpStatusCode.Unauthorized, Deadline, "the API node to refuse the revoked key");
        TestContext.Current.SendDiagnosticMessage($"The API node refused the key revoked through the other node {revoked.ElapsedMilliseconds} ms after the revocation answered.");
        await TestData.WaitUntil(async () => await StatusAsync(onAll) == HttpStatusCode.Unauthorized, Deadline, "the revoking node to refuse the key");

        Assert.DoesNotContain(await throughApi.ListKeysAsync(cancel), key => key.Id == created.Id);
        var again = await Assert.ThrowsAsync<ModelOpsApiException>(() => throughApi.RevokeKeyAsync(created.Id, cancel));
        Assert.Equal(404, again.StatusCode);
    }

    private static HttpClient KeyClient(Uri root, string key) =>
        new() { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };

    private async Task<HttpStatusCode> StatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync("api/v1/models", cancel);
        return response.StatusCode;
    }
}
