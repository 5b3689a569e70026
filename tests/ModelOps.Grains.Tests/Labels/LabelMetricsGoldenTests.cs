using System.Text.Json;
using ModelOps.Contracts;
using ModelOps.Grains.Labels;

namespace ModelOps.Grains.Tests.Labels;

/// <summary>The label metrics against scikit-learn (tests/golden/label_metrics_golden.py writes the reference values).</summary>
public sealed class LabelMetricsGoldenTests
{
    private static readonly JsonElement Golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "label_metrics_golden.json"))).RootElement;

    [Fact]
    public void Binary_precision_recall_f1_confusion_and_log_loss_match_scikit_learn_and_the_binned_auc_is_within_0_005()
    {
        var data = Golden.GetProperty("binary");
        var (summary, scoring) = Summarise(data, "fraud");

        var report = PerformanceCalculator.Report(summary, scoring)!;
        var (precision, recall, f1) = PerformanceCalculator.Headline(report, scoring);

        AssertReport(data, report);
        Assert.Equal(data.GetProperty("binaryPrecision").GetDouble(), precision!.Value, 12);
        Assert.Equal(data.GetProperty("binaryRecall").GetDouble(), recall!.Value, 12);
        Assert.Equal(data.GetProperty("binaryF1").GetDouble(), f1!.Value, 12);
        Assert.Equal(data.GetProperty("logLoss").GetDouble(), PerformanceCalculator.LogLoss(summary, report)!.Value, 9);
        Assert.InRange(PerformanceCalculator.RocAuc(summary)!.Value - data.GetProperty("rocAuc").GetDouble(), -0.005, 0.005);
    }

    [Fact]
    public void Multi_class_scores_match_scikit_learn_with_the_rest_of_the_probability_spread_over_the_other_classes()
    {
        var data = Golden.GetProperty("multiclass");
        var (summary, scoring) = Summarise(data, positiveClass: null);

        var report = PerformanceCalculator.Report(summary, scoring)!;
        var (precision, recall, f1) = PerformanceCalculator.Headline(report, scoring);

        AssertReport(data, report);
        Assert.Equal(report.Macro.Precision, precision);
        Assert.Equal(report.Macro.Recall, recall);
        Assert.Equal(report.Macro.F1, f1);
        Assert.Equal(data.GetProperty("logLoss").GetDouble(), PerformanceCalculator.LogLoss(summary, report)!.Value, 9);
        Assert.InRange(PerformanceCalculator.RocAuc(summary)!.Value - data.GetProperty("rocAuc").GetDouble(), -0.005, 0.005);
    }

    [Fact]
    public void Regression_mae_rmse_mape_and_r2_match_scikit_learn()
    {
        var data = Golden.GetProperty("regression");
        var bucket = new global::ModelOps.Grains.Monitoring.MetricsBucket();
        bucket.Reset(0);
        var predictions = data.GetProperty("prediction").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var labels = data.GetProperty("label").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (var i = 0; i < predictions.Length; i++)
        {
            bucket.ApplyLabel(Judgement.Regress(predictions[i], labels[i]), 1);
        }

        var snapshot = global::ModelOps.Grains.Monitoring.MetricsCalculator.Snapshot(bucket, TimeSpan.FromMinutes(5), 1, ModelTask.Regression);

        Assert.Equal(data.GetProperty("mae").GetDouble(), snapshot.Mae!.Value, 9);
        Assert.Equal(data.GetProperty("rmse").GetDouble(), snapshot.Rmse!.Value, 9);
        Assert.Equal(data.GetProperty("mape").GetDouble(), snapshot.Mape!.Value, 9);
        Assert.Equal(data.GetProperty("r2").GetDouble(), snapshot.R2!.Value, 9);
    }

    [Fact]
    public void A_replaced_label_is_taken_back_exactly()
    {
        var summary = new LabelSummary();
        var first = Judgement.Classify(0, 1, 0.75f, 0);
        var second = Judgement.Classify(0, 0, 0.75f, 0);

        summary.Apply(first, 1);
        summary.Apply(first, -1);
        summary.Apply(second, 1);

        Assert.Equal(new Dictionary<int, long> { [0] = 1 }, summary.Confusion);
        Assert.Equal(new Dictionary<int, long> { [750] = 1 }, summary.PositiveScores);
        Assert.Empty(summary.NegativeScores);
        Assert.Equal(1, summary.ScoredCount);
        Assert.Equal(-Math.Log(0.75), summary.LogLossSum, 15);
    }

    private static (LabelSummary, Scoring) Summarise(JsonElement data, string? positiveClass)
    {
        var catalog = new ClassCatalog([]);
        foreach (var name in data.GetProperty("labels").EnumerateArray())
        {
            catalog.IndexOf(name.GetString());
        }
        var positive = positiveClass is null ? -1 : catalog.IndexOf(positiveClass);
        var predictions = data.GetProperty("prediction").EnumerateArray().Select(v => v.GetString()).ToArray();
        var labels = data.GetProperty("label").EnumerateArray().Select(v => v.GetString()).ToArray();
        var scores = data.GetProperty("score").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var summary = new LabelSummary();
        for (var i = 0; i < predictions.Length; i++)
        {
            summary.Apply(Judgement.Classify(catalog.IndexOf(predictions[i]), catalog.IndexOf(labels[i]), (float)scores[i], positive), 1);
        }
        return (summary, new Scoring(catalog, positive));
    }

    private static void AssertReport(JsonElement data, ClassificationReport report)
    {
        var labels = data.GetProperty("labels").EnumerateArray().Select(v => v.GetString()!).ToArray();
        Assert.Equal(labels, report.Labels);
        var confusion = data.GetProperty("confusion").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        Assert.Equal(confusion, report.Confusion.Select(row => row.ToArray()).ToArray());
        foreach (var expected in data.GetProperty("perClass").EnumerateArray())
        {
            var actual = Assert.Single(report.PerClass, scores => scores.Class == expected.GetProperty("class").GetString());
            Assert.Equal(expected.GetProperty("precision").GetDouble(), actual.Precision, 12);
            Assert.Equal(expected.GetProperty("recall").GetDouble(), actual.Recall, 12);
            Assert.Equal(expected.GetProperty("f1").GetDouble(), actual.F1, 12);
            Assert.Equal(expected.GetProperty("support").GetInt64(), actual.Support);
        }
        Assert.Equal(data.GetProperty("macro").GetProperty("f1").GetDouble(), report.Macro.F1, 12);
        Assert.Equal(data.GetProperty("macro").GetProperty("precision").GetDouble(), report.Macro.Precision, 12);
        Assert.Equal(data.GetProperty("weighted").GetProperty("f1").GetDouble(), report.Weighted.F1, 12);
        Assert.Equal(data.GetProperty("weighted").GetProperty("recall").GetDouble(), report.Weighted.Recall, 12);
    }
}
