using ModelOps.Contracts;
using ModelOps.Grains.Models;
using ModelOps.Grains.Tests.Monitoring;
using Orleans.Core.Internal;

namespace ModelOps.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ModelGrainTests(ClusterFixture fixture)
{
    private static readonly ModelDefinition Classifier = new() { Task = ModelTask.Classification };

    [Fact]
    public async Task A_model_defined_without_name_or_version_is_named_by_its_id_at_version_1()
    {
        var (id, model) = NewModel("defaults");

        var defined = await model.Define(Classifier);
        var read = await model.Get(includeHistory: true);

        Assert.NotNull(read);
        Assert.Equal(id, read.Id);
        Assert.Equal(id, read.Name);
        Assert.Equal("1", read.Version);
        Assert.Equal(ModelTask.Classification, read.Task);
        Assert.Equal(ModelStatus.NoData, read.Status);
        Assert.Empty(read.Features);
        Assert.Empty(read.History);
        Assert.Equal(0, read.Metrics.Count);
        Assert.Null(read.Metrics.Accuracy);
        Assert.Equal(new LatencyStats(null, null, null, null), read.Metrics.Latency);
        Assert.Equal(TimeSpan.FromMinutes(5), read.Metrics.Window);
        Assert.Equal(defined.CreatedAt, read.CreatedAt);
    }

    [Fact]
    public async Task Redefining_a_model_replaces_its_definition_and_keeps_its_creation_time()
    {
        var (_, model) = NewModel("redefine");
        var first = await model.Define(new ModelDefinition
        {
            Name = "Fraud detector",
            Version = "2.3.0",
            Task = ModelTask.Classification,
            Features = [new FeatureDefinition { Name = "amount", Type = FeatureType.Numeric }],
        });

        await model.Define(new ModelDefinition { Name = "Fraud scorer", Task = ModelTask.Regression });
        var read = await model.Get(includeHistory: false);

        Assert.Equal("Fraud detector", first.Name);
        Assert.Equal("2.3.0", first.Version);
        Assert.Equal([new FeatureDefinition { Name = "amount", Type = FeatureType.Numeric }], first.Features);
        Assert.NotNull(read);
        Assert.Equal("Fraud scorer", read.Name);
        Assert.Equal("1", read.Version);
        Assert.Equal(ModelTask.Regression, read.Task);
        Assert.Empty(read.Features);
        Assert.Equal(first.CreatedAt, read.CreatedAt);
    }

    [Fact]
    public async Task An_invalid_definition_is_rejected_and_nothing_is_defined()
    {
        var (_, model) = NewModel("invalid-definition");
        var twice = new ModelDefinition
        {
            Features = [new FeatureDefinition { Name = "amount" }, new FeatureDefinition { Name = "amount" }],
        };

        var problem = await Assert.ThrowsAsync<InvalidRequestException>(() => model.Define(twice));

        Assert.Equal("features[1].name", problem.Field);
        Assert.Equal("'amount' is declared twice", problem.Reason);
        Assert.Null(await model.Get(includeHistory: false));
    }

    [Fact]
    public async Task A_thousand_events_give_an_exact_count_accuracy_and_error_rate_and_latency_within_one_percent()
    {
        var (_, model) = await DefinedModel("metrics", Classifier);
        var latencies = Samples.Draw(Samples.LogNormal, 1_000, seed: 11);
        // Every fourth prediction is wrong: 750 of 1000 labelled events are correct; every fiftieth is an error.
        var events = latencies.Select((latency, i) => new InferenceEvent
        {
            Id = $"req-{i}",
            LatencyMs = latency,
            Prediction = "fraud",
            Label = i % 4 == 3 ? "legit" : "fraud",
            Error = i % 50 == 0,
        }).ToArray();

        var result = await model.IngestBatch(events);
        var metrics = await model.GetMetrics();

        Assert.Equal(new IngestResult(1_000, 0), result);
        Assert.Equal(1_000, metrics.Count);
        Assert.Equal(1_000, metrics.LabelCount);
        Assert.Equal(0.75, metrics.Accuracy);
        Assert.Equal(0.02, metrics.ErrorRate);
        Assert.Equal(0, metrics.LateEvents);
        Assert.Null(metrics.Mae);
        Assert.Null(metrics.Rmse);
        Assert.NotNull(metrics.Latency.Mean);
        Assert.Equal(latencies.Average(), metrics.Latency.Mean.Value, 1e-9);
        var sorted = latencies.Order().ToArray();
        AssertWithinOnePercent(Samples.ExactQuantile(sorted, 0.50), metrics.Latency.P50, "p50");
        AssertWithinOnePercent(Samples.ExactQuantile(sorted, 0.95), metrics.Latency.P95, "p95");
        AssertWithinOnePercent(Samples.ExactQuantile(sorted, 0.99), metrics.Latency.P99, "p99");
    }

    [Fact]
    public async Task A_regression_model_reports_exact_mae_and_rmse_and_no_accuracy()
    {
        var (_, model) = await DefinedModel("regression", new ModelDefinition { Task = ModelTask.Regression });
        InferenceEvent[] events =
        [
            new() { LatencyMs = 5, Prediction = 10.0, Label = 9.0 },
            new() { LatencyMs = 5, Prediction = 10.0, Label = 12.0 },
            new() { LatencyMs = 5, Prediction = 10.0, Label = 13.0 },
            new() { LatencyMs = 5, Prediction = 10.0 },
        ];

        await model.IngestBatch(events);
        var metrics = await model.GetMetrics();

        Assert.Equal(4, metrics.Count);
        Assert.Equal(3, metrics.LabelCount);
        Assert.Equal(2.0, metrics.Mae);
        Assert.Equal(Math.Sqrt(14 / 3.0), metrics.Rmse);
        Assert.Null(metrics.Accuracy);
    }

    [Fact]
    public async Task A_batch_with_one_invalid_event_is_rejected_by_its_index_and_field_and_changes_nothing()
    {
        var (_, model) = await DefinedModel("invalid-batch", Classifier);
        await model.IngestBatch(TestEvents.Numbered("ok", 10));
        var batch = TestEvents.Numbered("rejected", 5);
        batch[2] = batch[2] with { LatencyMs = -1 };

        var problem = await Assert.ThrowsAsync<InvalidRequestException>(() => model.IngestBatch(batch));

        Assert.Equal("events[2].latencyMs", problem.Field);
        Assert.StartsWith("expected a number between 0 and 86400000", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(10, (await model.GetMetrics()).Count);
        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(i => $"ok-{i}"), (await model.GetLogs(100)).Select(e => e.Id));
    }

    [Fact]
    public async Task An_undefined_model_is_not_found_for_ingest_metrics_and_logs()
    {
        var (id, model) = NewModel("undefined");

        var ingest = await Assert.ThrowsAsync<ModelNotFoundException>(() => model.IngestBatch(TestEvents.Numbered("e", 1)));
        var metrics = await Assert.ThrowsAsync<ModelNotFoundException>(model.GetMetrics);
        var logs = await Assert.ThrowsAsync<ModelNotFoundException>(() => model.GetLogs(10));

        Assert.Equal(id, ingest.ModelId);
        Assert.Equal($"Model '{id}' does not exist.", ingest.Message);
        Assert.Equal(id, metrics.ModelId);
        Assert.Equal(id, logs.ModelId);
        Assert.Null(await model.Get(includeHistory: false));
    }

    [Fact]
    public async Task Events_older_than_the_window_are_reported_late_and_not_counted()
    {
        var (_, model) = await DefinedModel("late", Classifier);
        var batch = TestEvents.Numbered("e", 5);
        var tenMinutesAgo = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10);
        batch[1] = batch[1] with { Timestamp = tenMinutesAgo };
        batch[4] = batch[4] with { Timestamp = tenMinutesAgo };

        var result = await model.IngestBatch(batch);
        var metrics = await model.GetMetrics();

        Assert.Equal(new IngestResult(5, 2), result);
        Assert.Equal(3, metrics.Count);
        Assert.Equal(2, metrics.LateEvents);
    }

    [Fact]
    public async Task Undeclared_features_are_learned_with_the_type_of_their_first_value()
    {
        var (_, model) = await DefinedModel("learned", new ModelDefinition
        {
            Features = [new FeatureDefinition { Name = "amount", Type = FeatureType.Numeric }],
        });
        InferenceEvent[] batch =
        [
            new() { LatencyMs = 1, Prediction = "a", Features = new Dictionary<string, ScalarValue> { ["amount"] = 3.5, ["country"] = "DE", ["age"] = ScalarValue.Missing, ["code"] = "7" } },
            new() { LatencyMs = 1, Prediction = "a", Features = new Dictionary<string, ScalarValue> { ["age"] = 42.0, ["code"] = 7.0 } },
        ];

        await model.IngestBatch(batch);
        var read = await model.Get(includeHistory: false);

        Assert.NotNull(read);
        Assert.Equal(
            [
                new FeatureDefinition { Name = "amount", Type = FeatureType.Numeric },
                new FeatureDefinition { Name = "country", Type = FeatureType.Categorical, Learned = true },
                new FeatureDefinition { Name = "code", Type = FeatureType.Categorical, Learned = true },
                new FeatureDefinition { Name = "age", Type = FeatureType.Numeric, Learned = true },
            ],
            read.Features);
    }

    [Fact]
    public async Task Declaring_a_learned_feature_replaces_it_and_the_other_learned_features_stay()
    {
        var (_, model) = await DefinedModel("declare-learned", Classifier);
        await model.IngestBatch([new InferenceEvent { LatencyMs = 1, Prediction = "a", Features = new Dictionary<string, ScalarValue> { ["country"] = "DE", ["age"] = 42.0 } }]);

        var redefined = await model.Define(new ModelDefinition
        {
            Features = [new FeatureDefinition { Name = "age", Type = FeatureType.Categorical }],
        });

        Assert.Equal(
            [
                new FeatureDefinition { Name = "age", Type = FeatureType.Categorical },
                new FeatureDefinition { Name = "country", Type = FeatureType.Categorical, Learned = true },
            ],
            redefined.Features);
    }

    [Fact]
    public async Task Logs_are_the_latest_events_newest_first_stamped_with_their_arrival_time()
    {
        var (_, model) = await DefinedModel("logs", Classifier);
        var before = DateTimeOffset.UtcNow;
        await model.IngestBatch(TestEvents.Numbered("e", 30));
        var after = DateTimeOffset.UtcNow;

        var logs = await model.GetLogs(5);

        Assert.Equal(["e-29", "e-28", "e-27", "e-26", "e-25"], logs.Select(e => e.Id));
        Assert.All(logs, e => Assert.InRange(e.Timestamp!.Value, before - TimeSpan.FromSeconds(1), after + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task The_registry_lists_defined_models_and_a_deleted_model_is_gone()
    {
        var (keptId, kept) = await DefinedModel("registry-kept", Classifier);
        var (deletedId, deleted) = await DefinedModel("registry-deleted", Classifier);
        await deleted.IngestBatch(TestEvents.Numbered("e", 3));
        var registry = fixture.Client.GetGrain<IModelRegistryGrain>(Names.FleetKey);
        var listed = await registry.List();

        var removed = await deleted.Delete();

        Assert.Contains(keptId, listed);
        Assert.Contains(deletedId, listed);
        Assert.True(removed);
        Assert.Null(await deleted.Get(includeHistory: false));
        Assert.False(await deleted.Delete());
        await Assert.ThrowsAsync<ModelNotFoundException>(deleted.GetMetrics);
        var listedAfter = await registry.List();
        Assert.Contains(keptId, listedAfter);
        Assert.DoesNotContain(deletedId, listedAfter);
        Assert.Equal(listedAfter.Order(StringComparer.Ordinal), listedAfter);
        Assert.NotNull(await kept.Get(includeHistory: false));
    }

    [Fact]
    public async Task A_model_defined_again_after_deletion_starts_without_metrics()
    {
        var (_, model) = await DefinedModel("recreated", Classifier);
        await model.IngestBatch(TestEvents.Numbered("e", 3));
        await model.Delete();

        await model.Define(Classifier);

        Assert.Equal(0, (await model.GetMetrics()).Count);
    }

    [Fact]
    public async Task Metrics_and_learned_features_survive_the_deactivation_of_the_model()
    {
        var (_, model) = await DefinedModel("reactivated", Classifier);
        await model.IngestBatch([.. TestEvents.Numbered("e", 40).Select(e => e with { Label = "yes", Features = new Dictionary<string, ScalarValue> { ["country"] = "DE" } })]);

        await Deactivate(model);

        var read = await model.Get(includeHistory: false);
        Assert.NotNull(read);
        Assert.Equal(40, read.Metrics.Count);
        Assert.Equal(1.0, read.Metrics.Accuracy);
        Assert.Equal([new FeatureDefinition { Name = "country", Type = FeatureType.Categorical, Learned = true }], read.Features);
    }

    [Fact]
    public async Task An_empty_batch_after_a_full_one_does_not_lose_the_full_one_on_deactivation()
    {
        var (_, model) = await DefinedModel("empty-batch", Classifier);
        await model.IngestBatch(TestEvents.Numbered("e", 25));

        var result = await model.IngestBatch([]);
        await Deactivate(model);

        Assert.Equal(new IngestResult(0, 0), result);
        Assert.Equal(25, (await model.GetMetrics()).Count);
    }

    [Fact]
    public async Task Minutes_sealed_before_a_deactivation_are_served_after_it_and_deleting_the_model_clears_them()
    {
        var (_, model) = await DefinedModel("minutes", Classifier);
        var now = DateTimeOffset.UtcNow;
        var minute = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMinute));
        await model.IngestBatch(
        [
            .. TestEvents.Numbered("a", 4).Select(e => e with { Timestamp = minute.AddMinutes(-2).AddSeconds(10) }),
            .. TestEvents.Numbered("b", 6).Select(e => e with { Timestamp = minute.AddMinutes(-1).AddSeconds(30) }),
        ]);

        await Deactivate(model);
        var history = await model.GetHistory(minute.AddMinutes(-3), minute.AddSeconds(-1), TimeSpan.FromMinutes(1));
        await model.Delete();
        await model.Define(Classifier);
        var afterDelete = await model.GetHistory(minute.AddMinutes(-3), minute.AddSeconds(-1), TimeSpan.FromMinutes(1));

        Assert.Equal(HistorySteps.Minute, history.Step);
        Assert.Equal([(minute.AddMinutes(-2), 4L), (minute.AddMinutes(-1), 6L)], history.Points.Select(p => (p.Timestamp, p.Count)));
        Assert.Equal([4 / 60.0, 6 / 60.0], history.Points.Select(p => p.ThroughputPerSec));
        Assert.Empty(afterDelete.Points);
    }

    [Fact]
    public async Task Without_parameters_the_history_is_the_last_window_per_second()
    {
        var (_, model) = await DefinedModel("seconds", Classifier);
        await model.IngestBatch(TestEvents.Numbered("e", 3));

        var history = await model.GetHistory(null, null, null);

        Assert.Equal(HistorySteps.Second, history.Step);
        Assert.Equal(TimeSpan.FromMinutes(5), history.To - history.From);
        Assert.Equal(3, history.Points.Sum(p => p.Count));
    }

    private (string Id, IModelGrain Model) NewModel(string purpose)
    {
        var id = $"{purpose}-{Guid.NewGuid():N}";
        return (id, fixture.Client.GetGrain<IModelGrain>(id));
    }

    private async Task<(string Id, IModelGrain Model)> DefinedModel(string purpose, ModelDefinition definition)
    {
        var (id, model) = NewModel(purpose);
        await model.Define(definition);
        return (id, model);
    }

    /// <summary>Asks the model's activation to go, and waits until the cluster no longer lists it.</summary>
    private async Task Deactivate(IModelGrain model)
    {
        var grainId = model.GetGrainId();
        await model.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        await Deadline.Until(
            async () => (await management.GetDetailedGrainStatistics(null, null, TestContext.Current.CancellationToken)).All(activation => activation.GrainId != grainId),
            $"the activation of {grainId} to end");
    }

    private static void AssertWithinOnePercent(double exact, double? estimate, string what)
    {
        Assert.True(estimate.HasValue, $"no {what}");
        var error = Math.Abs(estimate.Value - exact) / exact;
        Assert.True(error <= 0.01 + 1e-12, $"{what} {estimate} is {error:P3} from the exact {exact}");
    }
}
