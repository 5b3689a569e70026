using ModelOps.Contracts;
using ModelOps.Grains.Insights;
using ModelOps.Grains.Models;

namespace ModelOps.Grains.Tests.Cluster;

/// <summary>The facts a model grain gathers for an alert insight, its version history, and the per-alert insight cache.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InsightGrainTests(ClusterFixture fixture)
{
    private static readonly AlertRule SlowRule = new()
    {
        Id = "slow", Name = "Slow answers", Metric = "latencyP95", Op = ">", Threshold = 100, For = Duration.Zero, Window = Duration.FromSeconds(30),
    };

    [Fact]
    public async Task The_facts_of_a_firing_alert_hold_its_rule_its_periods_the_metrics_now_and_the_version_change()
    {
        var id = "facts-" + Guid.NewGuid().ToString("N")[..8];
        var model = fixture.Client.GetGrain<IModelGrain>(id);
        await model.Define(new ModelDefinition { Version = "1.0" });
        await model.Define(new ModelDefinition { Version = "1.0" });
        var beforeChange = DateTimeOffset.UtcNow;
        await model.Define(new ModelDefinition { Version = "1.1" });
        await model.SetRules([SlowRule]);
        await model.IngestBatch([.. Enumerable.Range(0, 50).Select(i => new InferenceEvent { Id = $"e{i}", LatencyMs = 500, Prediction = "yes" })]);
        AlertView? firing = null;
        await Deadline.Until(async () => (firing = (await model.GetAlerts(AlertState.Firing, 10)).FirstOrDefault()) is not null, "the alert to fire");

        var facts = await model.GetInsightFacts(firing!.Id);

        Assert.NotNull(facts);
        Assert.Equal((firing.Id, "slow", ModelTask.Classification, "1.1", "1.0"), (facts.Alert.Id, facts.Rule!.Id, facts.Task, facts.Version, facts.PreviousVersion));
        Assert.InRange(facts.VersionChangedAt!.Value, beforeChange, facts.Alert.StartedAt);
        var start = facts.Alert.StartedAt.ToUnixTimeSeconds();
        Assert.Equal((start - 29, start, 50L, false), (facts.At!.From.ToUnixTimeSeconds(), facts.At.To.ToUnixTimeSeconds(), facts.At.Metrics.Count, facts.At.PerMinute));
        Assert.Equal((start - 59, start - 30, 0L), (facts.Before!.From.ToUnixTimeSeconds(), facts.Before.To.ToUnixTimeSeconds(), facts.Before.Metrics.Count));
        Assert.Equal(500, facts.At.Metrics.Latency.P95!.Value, tolerance: 5);
        Assert.Equal(50, facts.Now.Count);
        Assert.Null(facts.Drift);
    }

    [Fact]
    public async Task A_model_without_the_alert_has_no_facts_and_a_version_never_changed_has_no_previous_one()
    {
        var id = "nofacts-" + Guid.NewGuid().ToString("N")[..8];
        var model = fixture.Client.GetGrain<IModelGrain>(id);

        Assert.Null(await model.GetInsightFacts(id + "-1"));
        await model.Define(new ModelDefinition { Version = "3" });
        await model.Define(new ModelDefinition { Version = "3" });
        await model.SetRules([SlowRule]);
        await model.IngestBatch([new InferenceEvent { LatencyMs = 500, Prediction = "yes" }]);
        AlertView? alert = null;
        await Deadline.Until(async () => (alert = (await model.GetAlerts(null, 10)).FirstOrDefault()) is not null, "an alert");

        Assert.Null(await model.GetInsightFacts(id + "-99"));
        var facts = await model.GetInsightFacts(alert!.Id);
        Assert.Equal(("3", (string?)null, (DateTimeOffset?)null), (facts!.Version, facts.PreviousVersion, facts.VersionChangedAt));
    }

    [Fact]
    public async Task The_insight_cache_answers_only_for_the_alert_that_started_when_it_was_saved()
    {
        var cache = fixture.Client.GetGrain<IAlertInsightGrain>("cache-" + Guid.NewGuid().ToString("N")[..8] + "-1");
        var started = new DateTimeOffset(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);
        var insight = new AlertInsight
        {
            AlertId = "cache-1", Provider = InsightProviders.Builtin, Summary = "s", GeneratedAt = started.AddMinutes(1),
            LikelyCauses = [new InsightCause { Cause = "c", Confidence = "low", Evidence = ["E1"] }],
            Recommendations = ["r"],
            Evidence = [new InsightEvidence { Id = "E1", Kind = "rule", Text = "t" }],
        };

        Assert.Null(await cache.Get(started));
        await cache.Save(started, insight);

        var cached = await cache.Get(started);
        Assert.Equal(Json(insight), Json(cached!));
        Assert.Null(await cache.Get(started.AddSeconds(1)));
    }

    private static string Json(AlertInsight insight) => System.Text.Json.JsonSerializer.Serialize(insight, ModelOpsJsonContext.Default.AlertInsight);
}
