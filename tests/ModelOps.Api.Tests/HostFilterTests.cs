using System.Text.Json;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests;

/// <summary>
/// Requests are answered only for the service's own names: a page that rebinds its DNS name to this host sends its own
/// name as <c>Host</c> and gets 400. The requests go to the loopback port with the Host header set by hand.
/// </summary>
public sealed class HostFilterTests : IAsyncLifetime
{
    private ModelOpsServer server = null!;

    public ValueTask InitializeAsync()
    {
        server = new ModelOpsServer(settings: new Dictionary<string, string>
        {
            ["ModelOps:Auth:AllowedHosts:0"] = "modelops.example.com",
            ["ModelOps:Auth:AllowedHosts:1"] = "*.internal.example",
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(server.DataDir, recursive: true);
    }

    [Theory]
    [InlineData("evil.example", "evil.example")]
    [InlineData("evil.example:{port}", "evil.example")]
    [InlineData("modelops.example.com.evil.example", "modelops.example.com.evil.example")]
    [InlineData("internal.example", "internal.example")]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData("[2001:db8::1]:{port}", "[2001:db8::1]")]
    public async Task A_foreign_host_gets_400_problem_json_before_anything_runs(string host, string named)
    {
        var (status, contentType, body) = await GetAsync("/api/v1/models", host.Replace("{port}", server.Port.ToString()));

        Assert.Equal((400, "application/problem+json"), (status, contentType));
        var problem = JsonSerializer.Deserialize(body, ModelOpsJsonContext.Default.ApiProblem)!;
        Assert.Equal((400, "Host not allowed", $"This service does not answer for host '{named}'. Reach it by a name it serves, or add the name to ModelOps:Auth:AllowedHosts."),
            (problem.Status, problem.Title, problem.Detail));
    }

    [Theory]
    [InlineData("localhost:{port}")]
    [InlineData("LOCALHOST")]
    [InlineData("dashboard.localhost:{port}")]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("127.0.0.2")]
    [InlineData("[::1]:{port}")]
    [InlineData("modelops.example.com")]
    [InlineData("modelops.example.com.:{port}")]
    [InlineData("api.internal.example:{port}")]
    public async Task The_services_own_names_and_the_configured_ones_are_answered(string host)
    {
        var (status, contentType, _) = await GetAsync("/api/v1/models", host.Replace("{port}", server.Port.ToString()));

        Assert.Equal((200, "application/json"), (status, contentType));
    }

    [Fact]
    public async Task Health_and_the_dashboard_refuse_a_foreign_host_too()
    {
        var health = await GetAsync("/health/live", "evil.example");
        var dashboard = await GetAsync("/", "evil.example");

        Assert.Equal([400, 400], new[] { health.Status, dashboard.Status });
    }

    [Fact]
    public async Task The_typed_client_on_loopback_is_answered() =>
        Assert.Equal([], (await server.Client.ListModelsAsync(TestContext.Current.CancellationToken)).Where(model => model.Id == "never-made").Select(model => model.Id));

    /// <summary>One GET with this Host header, sent to the server's loopback port; the status, media type and body of the answer.</summary>
    private async Task<(int Status, string? ContentType, string Body)> GetAsync(string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
