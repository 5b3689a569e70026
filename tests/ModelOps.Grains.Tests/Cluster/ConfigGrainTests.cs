using ModelOps.Contracts;
using ModelOps.Grains.Models;

namespace ModelOps.Grains.Tests.Cluster;

/// <summary>Configuration as code inside the model grain: definition and rules validated together, applied together.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConfigGrainTests(ClusterFixture fixture)
{
    private static readonly ModelDefinition Classifier = new()
    {
        Name = "Fraud detector",
        Version = "2.3.0",
        Task = ModelTask.Classification,
        Features = [new() { Name = "amount", Type = FeatureType.Numeric, Drift = new FeatureDriftSettings("psi", 0.2) }],
    };

    private static readonly AlertRule MaeRule = new()
    {
        Id = "mae-high", Name = "MAE high", Metric = "mae", Op = ">", Threshold = 3, For = Duration.FromMinutes(1), Severity = AlertSeverity.Critical,
    };

    [Fact]
    public async Task A_configuration_for_an_undefined_model_creates_it_with_exactly_its_rules()
    {
        var model = fixture.Client.GetGrain<IModelGrain>("config-new-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Null(await model.GetConfig());
        var applied = await model.ApplyConfig(Classifier with { Task = ModelTask.Regression }, [MaeRule], metricsWindow: null);

        Assert.Equal(ModelTask.Regression, applied.Definition.Task);
        Assert.Equal(["mae-high"], applied.Rules.Select(rule => rule.Id));
        Assert.Equal(TimeSpan.FromMinutes(5), applied.MetricsWindow);
        Assert.Empty(applied.DefaultDrift);
        Assert.Equal(["mae-high"], (await model.GetRules()).Select(rule => rule.Id));
    }

    [Fact]
    public async Task A_task_change_and_rules_of_the_new_task_are_applied_in_one_call()
    {
        var model = fixture.Client.GetGrain<IModelGrain>("config-task-" + Guid.NewGuid().ToString("N")[..8]);
        await model.Define(Classifier);

        // SetRules could not take an mae rule before the task changes, nor Define keep the rules across the change.
        var applied = await model.ApplyConfig(Classifier with { Task = ModelTask.Regression }, [MaeRule], metricsWindow: TimeSpan.FromMinutes(5));

        Assert.Equal(ModelTask.Regression, (await model.Get(false))!.Task);
        Assert.Equal(["mae-high"], applied.Rules.Select(rule => rule.Id));
    }

    [Fact]
    public async Task A_configuration_whose_rules_are_invalid_changes_neither_the_definition_nor_the_rules()
    {
        var model = fixture.Client.GetGrain<IModelGrain>("config-atomic-" + Guid.NewGuid().ToString("N")[..8]);
        await model.Define(Classifier);
        var before = await model.GetConfig();

        // The definition half is valid (a new version); the rules half is not: mae on a classifier.
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            model.ApplyConfig(Classifier with { Version = "3.0.0" }, [MaeRule], metricsWindow: null));

        Assert.Equal("rules[0].metric", error.Field);
        var after = await model.GetConfig();
        Assert.Equal("2.3.0", after!.Definition.Version);
        Assert.Equal(before!.Rules.Select(rule => rule.Id), after.Rules.Select(rule => rule.Id));
    }

    [Fact]
    public async Task Checking_a_configuration_validates_it_like_applying_and_changes_nothing()
    {
        var model = fixture.Client.GetGrain<IModelGrain>("config-check-" + Guid.NewGuid().ToString("N")[..8]);
        await model.Define(Classifier);
        var before = await model.GetConfig();
        var edited = Classifier with
        {
            Version = "3.0.0",
            Features = [new() { Name = "amount", Type = FeatureType.Numeric, Drift = new FeatureDriftSettings("wasserstein", 0.15) }],
        };

        await model.CheckConfig(edited, [], metricsWindow: TimeSpan.FromMinutes(5));
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            model.CheckConfig(Classifier with { Features = [new() { Name = "amount", Type = FeatureType.Numeric, Drift = new FeatureDriftSettings("ks", 1.5) }] }, [], metricsWindow: null));

        Assert.Equal(("features[0].drift.threshold", "threshold 1.5 is out of range for drift method 'ks'; allowed: a p-value greater than 0 and less than 1."), (error.Field, error.Reason));
        var after = (await model.GetConfig())!;
        Assert.Equal(("2.3.0", "psi"), (after.Definition.Version, after.Definition.Features.Single().Drift!.Method));
        Assert.Equal(before!.Rules.Select(rule => rule.Id), after.Rules.Select(rule => rule.Id));
    }

    [Fact]
    public async Task A_metrics_window_other_than_the_servers_is_refused_by_its_document_path()
    {
        var model = fixture.Client.GetGrain<IModelGrain>("config-window-" + Guid.NewGuid().ToString("N")[..8]);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            model.ApplyConfig(Classifier, [], metricsWindow: TimeSpan.FromMinutes(10)));

        Assert.Equal("windows.metrics", error.Field);
        Assert.Equal("the metrics window is the server's ModelOps:Window (5m), not set per model; write 5m or leave it out", error.Reason);
        Assert.Null(await model.GetConfig());
    }

    [Fact]
    public async Task Learned_features_keep_their_flag_and_those_a_configuration_leaves_out_stay_known()
    {
        var model = fixture.Client.GetGrain<IModelGrain>("config-learned-" + Guid.NewGuid().ToString("N")[..8]);
        await model.Define(Classifier);
        await model.Ingest(new([new InferenceEvent { LatencyMs = 1, Prediction = "a", Features = new Dictionary<string, ScalarValue> { ["age"] = 3, ["city"] = "Oslo" } }]));

        var applied = await model.ApplyConfig(
            Classifier with { Features = [.. Classifier.Features, new() { Name = "age", Type = FeatureType.Numeric, Learned = true }] }, [], metricsWindow: null);

        Assert.Equal([("amount", false), ("age", true), ("city", true)], applied.Definition.Features.Select(feature => (feature.Name, feature.Learned)));
    }
}
