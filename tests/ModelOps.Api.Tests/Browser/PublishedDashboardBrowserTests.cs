using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ModelOps.Api.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace ModelOps.Api.Tests.Browser;

/// <summary>The published product, started from another directory with the container image's environment and the demo on.</summary>
public sealed class PublishedProductFixture : IAsyncLifetime
{
    public ProductProcess Product { get; private set; } = null!;

    /// <summary>Lines written by the time the product was ready: the start-up, which the quiet-log test leaves out.</summary>
    public int StartupLines { get; private set; }

    public HttpClient Http { get; } = new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None });

    public async ValueTask InitializeAsync()
    {
        Product = await ProductProcess.StartAsync();
        await Product.WaitUntilReadyAsync(Http);
        StartupLines = Product.Lines.Count;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Product.DisposeAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class PublishedDashboardBrowserTests(PublishedProductFixture published, ChromiumFixture chromium)
    : IClassFixture<PublishedProductFixture>, IClassFixture<ChromiumFixture>
{
    /// <summary>The quiet-log bar: start-up aside, a running demo writes only alerts and errors, a few lines a minute.</summary>
    private const int MaxLinesIn30Seconds = 12;

    private readonly ProductProcess product = published.Product;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_published_build_serves_a_live_dashboard_from_another_directory()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, product.Root);

        await Expect(dashboard.ConnectionStatus).ToHaveTextAsync("Connected");
        await Expect(dashboard.KpiValues("throughput")).ToHaveTextAsync(new Regex(@"^[1-9][0-9,]*\.[0-9]/s$"));
        await Expect(dashboard.KpiValues("latency").First).ToHaveTextAsync(new Regex(@"^[0-9][0-9,.]* ms$"));
        await dashboard.SaveScreenshotAsync("published-overview");
    }

    [Fact]
    public async Task The_dashboards_files_are_served_compressed_and_cached_by_fingerprint()
    {
        var page = await GetAsync("/", "br");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("br", Assert.Single(page.Content.Headers.ContentEncoding));
        Assert.True(page.Headers.CacheControl!.NoCache);
        Assert.NotNull(page.Headers.ETag);

        var loader = await GetAsync("/_framework/blazor.webassembly.js", "gzip");
        Assert.Equal("gzip", Assert.Single(loader.Content.Headers.ContentEncoding));

        // The runtime names its fingerprinted files itself; each is cached for a year.
        var runtime = await GetAsync("/_framework/dotnet.js", "br");
        Assert.Equal(HttpStatusCode.OK, runtime.StatusCode);
        var fingerprinted = Regex.Match(await new StreamReader(new System.IO.Compression.BrotliStream(
            await runtime.Content.ReadAsStreamAsync(cancel), System.IO.Compression.CompressionMode.Decompress)).ReadToEndAsync(cancel),
            @"dotnet\.native\.[a-z0-9]+\.wasm").Value;
        var wasm = await GetAsync($"/_framework/{fingerprinted}", "br");
        Assert.Equal(HttpStatusCode.OK, wasm.StatusCode);
        Assert.Equal(TimeSpan.FromDays(365), wasm.Headers.CacheControl!.MaxAge);
        Assert.Contains(wasm.Headers.CacheControl.Extensions, extension => extension.Name == "immutable");
    }

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/manage", HttpStatusCode.OK)]
    [InlineData("/cluster", HttpStatusCode.OK)]
    [InlineData("/healthz", HttpStatusCode.NotFound)]
    [InlineData("/prometheus", HttpStatusCode.NotFound)]
    [InlineData("/manage/nothing", HttpStatusCode.NotFound)]
    [InlineData("/favicon.ico", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/nothing", HttpStatusCode.NotFound)]
    [InlineData("/_framework/nothing", HttpStatusCode.NotFound)]
    [InlineData("/swagger/nothing", HttpStatusCode.NotFound)]
    [InlineData("/health/nothing", HttpStatusCode.NotFound)]
    public async Task Only_the_dashboards_routes_serve_its_page(string path, HttpStatusCode status)
    {
        var response = await GetAsync(path, "identity");

        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(cancel);
        Assert.Equal(status == HttpStatusCode.OK, body.Contains("Loading ModelOps Vision", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_are_served_in_the_prometheus_format_for_every_demo_model()
    {
        string[] demo = ["churn-classifier", "fraud-detector", "house-price-regressor"];
        PrometheusText? metrics = null;
        await TestData.WaitUntil(async () =>
        {
            var response = await GetAsync("/metrics", "identity");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            metrics = PrometheusText.Parse(await response.Content.ReadAsStringAsync(cancel));
            return metrics.All("modelops_model_events").Count == demo.Length;
        }, TimeSpan.FromSeconds(30), "every demo model on /metrics");

        Assert.Equal(demo, metrics!.All("modelops_model_events").Select(sample => sample.Labels["model"]).Order(StringComparer.Ordinal));
        Assert.All(metrics.All("modelops_model_events"), sample => Assert.True(sample.Value > 0, $"{sample.Labels["model"]} has no events"));
    }

    [Fact]
    public async Task The_running_demo_writes_a_few_lines_in_30_seconds()
    {
        var startup = product.Lines.Take(published.StartupLines).ToArray();
        Assert.DoesNotContain(startup, line => line.Contains("SiloOptionsLogger", StringComparison.Ordinal));
        Assert.Contains(startup, line => line.Contains("embedded mode", StringComparison.Ordinal));
        Assert.Contains(startup, line => line.Contains("Now listening on: http://[::]:", StringComparison.Ordinal));

        var before = product.Lines.Count;
        var measured = Stopwatch.StartNew();
        // The measurement is the period itself: lines written while 30 s pass, not a wait for something to happen.
        await Task.Delay(TimeSpan.FromSeconds(30), cancel);
        var written = product.Lines.Skip(before).ToArray();
        TestContext.Current.SendDiagnosticMessage($"{written.Length} lines in {measured.Elapsed.TotalSeconds:0.0} s:\n{string.Join('\n', written)}");

        Assert.DoesNotContain(product.Lines, line => line.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.InRange(written.Length, 0, MaxLinesIn30Seconds);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(product.Root, path));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        return await published.Http.SendAsync(request, cancel);
    }
}
