using ModelOps.Contracts;

namespace ModelOps.Grains.Labels;

/// <summary>The label metrics of merged <see cref="LabelSummary"/> counts, defined as scikit-learn defines them.</summary>
public static class PerformanceCalculator
{
    /// <summary>Precision, recall, F1 per class and averaged, and the confusion matrix, over the classes predicted or labelled.</summary>
    public static ClassificationReport? Report(LabelSummary? summary, Scoring scoring)
    {
        if (summary is not { Confusion.Count: > 0 })
        {
            return null;
        }
        var classes = summary.Confusion.Keys.SelectMany(key => new[] { key / LabelSummary.ClassStride, key % LabelSummary.ClassStride }).Distinct().Order().ToArray();
        var position = classes.Select((index, i) => (index, i)).ToDictionary(pair => pair.index, pair => pair.i);
        var matrix = new long[classes.Length][];
        for (var i = 0; i < classes.Length; i++)
        {
            matrix[i] = new long[classes.Length];
        }
        foreach (var (key, count) in summary.Confusion)
        {
            matrix[position[key % LabelSummary.ClassStride]][position[key / LabelSummary.ClassStride]] += count;
        }
        var perClass = new ClassScores[classes.Length];
        for (var c = 0; c < classes.Length; c++)
        {
            var truePositives = matrix[c][c];
            var predicted = matrix.Sum(row => row[c]);
            var support = matrix[c].Sum();
            var precision = Share(truePositives, predicted);
            var recall = Share(truePositives, support);
            perClass[c] = new ClassScores(scoring.Classes.NameOf(classes[c]), precision, recall, F1(precision, recall), support);
        }
        var total = perClass.Sum(scores => scores.Support);
        return new ClassificationReport
        {
            Labels = [.. classes.Select(scoring.Classes.NameOf)],
            Confusion = matrix,
            PerClass = perClass,
            Macro = new ClassScores(null, perClass.Average(s => s.Precision), perClass.Average(s => s.Recall), perClass.Average(s => s.F1), total),
            Weighted = new ClassScores(null, Weighted(perClass, s => s.Precision, total), Weighted(perClass, s => s.Recall, total), Weighted(perClass, s => s.F1, total), total),
            PositiveClass = scoring.Binary ? scoring.Classes.NameOf(scoring.PositiveClass) : null,
        };
    }

    /// <summary>The headline precision, recall and F1: of the positive class of a binary model (0 when it was never predicted nor labelled), else the macro averages.</summary>
    public static (double? Precision, double? Recall, double? F1) Headline(ClassificationReport? report, Scoring scoring)
    {
        if (report is null)
        {
            return (null, null, null);
        }
        if (!scoring.Binary)
        {
            return (report.Macro.Precision, report.Macro.Recall, report.Macro.F1);
        }
        var positive = report.PerClass.FirstOrDefault(scores => scores.Class == report.PositiveClass);
        return positive is null ? (0, 0, 0) : (positive.Precision, positive.Recall, positive.F1);
    }

    /// <summary>
    /// The binned ROC AUC: the share of (positive, negative) pairs whose positive scored higher, a pair in one bin
    /// counting a half (as tied scores do); null without both.
    /// </summary>
    public static double? RocAuc(LabelSummary? summary)
    {
        if (summary is null)
        {
            return null;
        }
        var positives = summary.PositiveScores.Values.Sum();
        var negatives = summary.NegativeScores.Values.Sum();
        if (positives == 0 || negatives == 0)
        {
            return null;
        }
        double below = 0, pairs = 0;
        foreach (var bin in summary.PositiveScores.Keys.Concat(summary.NegativeScores.Keys).Distinct().Order())
        {
            var (p, n) = (summary.PositiveScores.GetValueOrDefault(bin), summary.NegativeScores.GetValueOrDefault(bin));
            pairs += p * (below + 0.5 * n);
            below += n;
        }
        return pairs / ((double)positives * negatives);
    }

    /// <summary>Mean log loss; a multi-class miss adds ln(classes − 1) for the probability spread over the other classes.</summary>
    public static double? LogLoss(LabelSummary? summary, ClassificationReport? report)
    {
        if (summary is not { ScoredCount: > 0 })
        {
            return null;
        }
        var spread = summary.SpreadCount > 0 && report is { Labels.Count: > 2 } ? summary.SpreadCount * Math.Log(report.Labels.Count - 1) : 0;
        return (summary.LogLossSum + spread) / summary.ScoredCount;
    }

    /// <summary>MAPE as scikit-learn's mean_absolute_percentage_error (a fraction); null without labels.</summary>
    public static double? Mape(LabelSummary? summary, long labels) => summary is null || labels == 0 ? null : summary.AbsolutePercentSum / labels;

    /// <summary>R² as scikit-learn's r2_score: 1 for a perfect fit of constant labels, 0 for an imperfect one; null with fewer than two labels.</summary>
    public static double? R2(LabelSummary? summary, long labels, double squaredErrorSum)
    {
        if (summary is null || labels < 2)
        {
            return null;
        }
        var total = summary.LabelSquareSum - summary.LabelSum * summary.LabelSum / labels;
        if (total <= 0)
        {
            return squaredErrorSum == 0 ? 1 : 0;
        }
        return 1 - squaredErrorSum / total;
    }

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    private static double F1(double precision, double recall) => precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

    private static double Weighted(ClassScores[] perClass, Func<ClassScores, double> metric, long total) =>
        total == 0 ? 0 : perClass.Sum(scores => metric(scores) * scores.Support) / total;
}
