using System.Net;
using System.Net.Http.Json;
using System.Text;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests;

/// <summary>Baselines in, drift reports out, through the public API.</summary>
public sealed class DriftApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly HttpClient http = fixture.Server.Http;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_like_the_uploaded_baseline_do_not_drift()
    {
        await DefineWithBaselineAsync("drift-same");

        await client.PostEventsAsync("drift-same", Events(new Random(2), 1000, amountMean: 100), cancel);
        var report = await DriftAsync("drift-same");

        Assert.Equal(new BaselineSummary(2000, "upload", report.Baseline!.CreatedAt), report.Baseline);
        Assert.Equal(1000, report.Window.Count);
        Assert.Null(report.Message);
        Assert.False(report.DatasetDrift);
        var amount = Assert.Single(report.Features, f => f.Name == "amount");
        var country = Assert.Single(report.Features, f => f.Name == "country");
        Assert.Equal(("wasserstein", 0.1, false), (amount.Method, amount.Threshold, amount.Drifted));
        Assert.Equal(("jensenShannon", 0.1, false), (country.Method, country.Threshold, country.Drifted));
        Assert.InRange(amount.Score!.Value, 0, 0.1);
        Assert.Equal(1000, amount.CurrentHistogram!.Counts.Sum());
        Assert.Equal(2000, amount.BaselineHistogram!.Counts.Sum());
        Assert.Equal(["DE", "FR"], country.BaselineCounts!.Keys.Order());
    }

    [Fact]
    public async Task A_shifted_numeric_feature_drifts_and_is_named_in_the_snapshot()
    {
        await DefineWithBaselineAsync("drift-shifted");

        await client.PostEventsAsync("drift-shifted", Events(new Random(3), 1000, amountMean: 130), cancel);
        var report = await DriftAsync("drift-shifted");

        var amount = Assert.Single(report.Features, f => f.Name == "amount");
        Assert.True(amount.Drifted);
        Assert.InRange(amount.Score!.Value, 2.5, 3.5);
        Assert.Equal(0.5, report.DriftShare);
        Assert.True(report.DatasetDrift);
        await TestData.WaitUntil(
            async () => (await client.GetModelAsync("drift-shifted", cancel))!.Drift is { DatasetDrift: true, DriftedFeatures: ["amount"] },
            TimeSpan.FromSeconds(10),
            "the model snapshot to carry the drift summary");
    }

    [Fact]
    public async Task Without_an_upload_the_first_events_become_the_baseline()
    {
        await client.PutModelAsync("drift-auto", new ModelDefinition { Drift = new ModelDriftSettings { BaselineSize = 50 } }, cancel);

        var before = await DriftAsync("drift-auto");
        await client.PostEventsAsync("drift-auto", Events(new Random(4), 60, amountMean: 100), cancel);
        var after = await DriftAsync("drift-auto");

        Assert.StartsWith("no baseline yet", before.Message);
        Assert.Empty(before.Features);
        Assert.Equal(("auto", 50L), (after.Baseline!.Source, after.Baseline.Count));
        Assert.Equal(10, after.Window.Count);
    }

    [Fact]
    public async Task A_csv_baseline_is_accepted_and_a_bad_cell_is_rejected_naming_row_and_column()
    {
        await client.PutModelAsync("drift-csv", TestData.Classifier(), cancel);

        using var good = await http.PutAsync("/api/v1/models/drift-csv/baseline", new StringContent("amount,country\n1.5,DE\n2.5,FR\n", Encoding.UTF8, "text/csv"), cancel);
        using var bad = await http.PutAsync("/api/v1/models/drift-csv/baseline", new StringContent("amount,country\n1.5,DE\nabc,FR\n", Encoding.UTF8, "text/csv"), cancel);

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(("upload", 2L), await good.Content.ReadFromJsonAsync<BaselineSummary>(cancel) is { } summary ? (summary.Source, summary.Count) : default);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancel);
        Assert.Equal("row 3, column \"amount\": expected a number, got \"abc\"", problem.GetProperty("detail").GetString());
        Assert.Equal(2, (await DriftAsync("drift-csv")).Baseline!.Count);
    }

    [Fact]
    public async Task A_baseline_for_an_unknown_model_is_a_404_and_an_unknown_drift_method_a_400()
    {
        using var missing = await http.PutAsJsonAsync("/api/v1/models/drift-nobody/baseline", new { rows = new[] { new { amount = 1 } } }, cancel);
        using var invalid = await http.PutAsJsonAsync("/api/v1/models/drift-invalid",
            new { features = new[] { new { name = "amount", type = "numeric", drift = new { method = "kl" } } } }, cancel);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("features[0].drift.method: unknown drift method 'kl'", await invalid.Content.ReadAsStringAsync(cancel));
    }

    private async Task DefineWithBaselineAsync(string id)
    {
        await client.PutModelAsync(id, TestData.Classifier(), cancel);
        var rows = Events(new Random(1), 2000, amountMean: 100).Select(e => e.Features);
        using var response = await http.PutAsJsonAsync($"/api/v1/models/{id}/baseline", new { rows }, cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<DriftReport> DriftAsync(string id) =>
        (await http.GetFromJsonAsync($"/api/v1/models/{id}/drift", ModelOpsJsonContext.Default.DriftReport, cancel))!;

    private static InferenceEvent[] Events(Random random, int count, double amountMean) =>
        Enumerable.Range(0, count).Select(_ => new InferenceEvent
        {
            LatencyMs = 10,
            Prediction = "a",
            Features = new Dictionary<string, ScalarValue>
            {
                ["amount"] = Math.Round(amountMean + 10 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()), 3),
                ["country"] = random.NextDouble() < 0.6 ? "DE" : "FR",
            },
        }).ToArray();
}
