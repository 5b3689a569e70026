using ModelOps.Grains.Insights;

namespace ModelOps.Grains.Models;

/// <summary>The facts behind an alert insight, read on request only: alerting never waits on an insight.</summary>
public sealed partial class ModelGrain
{
    public Task<InsightFacts?> GetInsightFacts(string alertId)
    {
        if (!Exists() || Book.Find(alertId) is not { } alert)
        {
            return Task.FromResult<InsightFacts?>(null);
        }
        var now = clock.GetUtcNow();
        var nowSecond = now.ToUnixTimeSeconds();
        var state = definition.State;
        var rule = Book.Rules.FirstOrDefault(candidate => candidate.Id == alert.RuleId);
        // The period that broke the rule is the rule's window ending at the alert's start, at most half the model's
        // window so that the period before it is still held per second while the alert is fresh.
        var span = rule?.Window ?? settings.Window;
        var seconds = (long)Math.Max(1, Math.Ceiling(Math.Min(span.TotalSeconds, settings.Window.TotalSeconds / 2)));
        var start = alert.StartedAt.ToUnixTimeSeconds();
        SealMinutes(nowSecond);
        return Task.FromResult<InsightFacts?>(new InsightFacts
        {
            Alert = alert.ToView(),
            Rule = rule?.ToContract(),
            Task = state.Task,
            Version = state.Version,
            PreviousVersion = state.PreviousVersion,
            VersionChangedAt = state.VersionChangedAt,
            At = PeriodReader.Read(window, minuteHistory, start - seconds + 1, start, nowSecond, state.Task),
            Before = PeriodReader.Read(window, minuteHistory, start - 2 * seconds + 1, start - seconds, nowSecond, state.Task),
            Now = window.Snapshot(nowSecond, state.Task, scoring: Scoring),
            Drift = drift.HasBaseline ? drift.Report(null, null, now, DriftDefinition) : null,
            CollectedAt = now,
            MaxFeatures = settings.MaxFeatures,
            IgnoredFeatures = state.IgnoredFeatures,
            IgnoredFeatureExamples = state.IgnoredFeatureExamples.ToArray(),
        });
    }
}
