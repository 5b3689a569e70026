using ModelOps.Api.AI;
using ModelOps.Contracts;
using ModelOps.Grains.Insights;

namespace ModelOps.Api.Insights;

/// <summary>
/// Turns an alert's facts into an insight: the evidence pack, then the configured AI's validated answer, or the built-in
/// analyst's — by configuration, or as the fallback with the reason the AI did not answer.
/// </summary>
public sealed class InsightGenerator(StructuredChat ai, TimeProvider clock)
{
    public async Task<AlertInsight> GenerateAsync(InsightFacts facts, CancellationToken cancellationToken)
    {
        var pack = EvidenceBuilder.Build(facts);
        if (!ai.Enabled)
        {
            return BuiltinAnalyst.Analyse(facts.Alert, pack, clock.GetUtcNow());
        }
        var answer = await ai.AskAsync(InsightPrompt.For(facts.Alert, pack), json => InsightPrompt.Read(json, pack), cancellationToken);
        if (answer.Value is not { } insight)
        {
            return BuiltinAnalyst.Analyse(facts.Alert, pack, clock.GetUtcNow(), answer.FailureReason);
        }
        return new AlertInsight
        {
            AlertId = facts.Alert.Id,
            Provider = InsightProviders.Gemini,
            Model = ai.Model,
            Summary = insight.Summary,
            LikelyCauses = insight.LikelyCauses,
            Recommendations = insight.Recommendations,
            Evidence = pack.Items,
            GeneratedAt = clock.GetUtcNow(),
        };
    }
}
