using ModelOps.Api.AI;
using ModelOps.Contracts;
using ModelOps.Grains.Models;

namespace ModelOps.Api.Configuration;

/// <summary>
/// <c>GET …/config?assist=true</c>: asks the configured AI to propose drift and rule thresholds from the model's drift
/// report and current metrics, and returns the configuration with the validated proposal in it, or why there is none.
/// Proposes only; nothing is applied.
/// </summary>
public sealed class ConfigAssistant(StructuredChat ai)
{
    public const string NotConfigured = "Gemini is not configured (ModelOps:AI:Provider is builtin)";

    /// <summary>The model that answers, e.g. <c>gemini-2.5-flash</c>.</summary>
    public string Model => ai.Model;

    public async Task<StructuredAnswer<ModelConfiguration>> ProposeAsync(IModelGrain grain, ModelConfiguration config, CancellationToken cancellationToken)
    {
        if (!ai.Enabled)
        {
            return new(null, NotConfigured);
        }
        var drift = await grain.GetDrift(null, null);
        if (drift.Features.Count == 0)
        {
            return new(null, $"there are no statistics to propose thresholds from: {drift.Message}");
        }
        var metrics = await grain.GetMetrics();
        var answer = await ai.AskAsync(ThresholdPrompt.For(config, drift, metrics), json => ThresholdPrompt.Read(json, config), cancellationToken);
        return answer.Value is { } proposal ? new(proposal.ApplyTo(config), null) : new(null, answer.FailureReason);
    }
}
