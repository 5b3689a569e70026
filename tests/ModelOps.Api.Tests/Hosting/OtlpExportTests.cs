using System.Net;
using System.Net.Http.Json;
using System.Text;
using ModelOps.Api.Tests.Notifications;

namespace ModelOps.Api.Tests.Hosting;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the published product sends traces and metrics there over OTLP.</summary>
public sealed class OtlpExportTests
{
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Traces_and_metrics_go_to_the_otlp_endpoint_with_the_service_name()
    {
        await using var collector = await HookReceiver.StartAsync();
        await using var product = await ProductProcess.StartAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Root.AbsoluteUri.TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["ModelOps__Simulator__Enabled"] = "false",
        });
        using var http = new HttpClient();
        await product.WaitUntilReadyAsync(http);

        using (var created = await http.PutAsJsonAsync(new Uri(product.Root, "api/v1/models/otlp-model"), new { name = "OTLP", features = Array.Empty<object>() }, cancel))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }
        using (var ingest = await http.PostAsJsonAsync(new Uri(product.Root, "api/v1/models/otlp-model/events"),
            new { events = new[] { new { latencyMs = 5, prediction = "a" } } }, cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, ingest.StatusCode);
        }

        await TestData.WaitUntil(() => Task.FromResult(
            Bodies(collector, "/v1/traces").Any(body => body.Contains("/api/v1/models/{id}/events", StringComparison.Ordinal)
                && body.Contains("Microsoft.Orleans", StringComparison.Ordinal))
            && Bodies(collector, "/v1/metrics").Any(body => body.Contains("modelops.model.events", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), "an ingest request's trace with its grain call, and the model gauges, at the OTLP receiver");

        var exports = collector.Requests.Where(request => request.Path is "/v1/traces" or "/v1/metrics").ToArray();
        Assert.All(exports, request => Assert.Equal("application/x-protobuf", request.Header("Content-Type")));
        Assert.All(exports, request => Assert.Contains("modelops", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal));
    }

    /// <summary>OTLP protobuf keeps strings as UTF-8, so names and routes can be found in the raw bodies.</summary>
    private static IEnumerable<string> Bodies(HookReceiver collector, string path) =>
        collector.Requests.Where(request => request.Method == "POST" && request.Path == path).Select(request => Encoding.UTF8.GetString(request.Body));
}
