using ModelOps.Contracts;
using ModelOps.Grains.Alerting.Rules;
using ModelOps.Grains.Drift.Window;

namespace ModelOps.Grains.Models;

/// <summary>Configuration as code: the definition and the rules read together and replaced together.</summary>
public sealed partial class ModelGrain
{
    public Task<ModelConfiguration?> GetConfig() => Task.FromResult(Exists() ? Configuration() : null);

    public Task CheckConfig(ModelDefinition update, IReadOnlyList<AlertRule> rules, TimeSpan? metricsWindow)
    {
        Check(update, rules, metricsWindow);
        return Task.CompletedTask;
    }

    public async Task<ModelConfiguration> ApplyConfig(ModelDefinition update, IReadOnlyList<AlertRule> rules, TimeSpan? metricsWindow)
    {
        var compiled = Check(update, rules, metricsWindow);
        await Redefine(update, FeatureCatalog.Apply(definition.State.Features, update.Features, settings.MaxFeatures));
        await ReplaceRules(compiled);
        return Configuration();
    }

    private CompiledRule[] Check(ModelDefinition update, IReadOnlyList<AlertRule> rules, TimeSpan? metricsWindow)
    {
        if (metricsWindow is { } stated && stated != settings.Window)
        {
            throw new InvalidRequestException("windows.metrics",
                $"the metrics window is the server's ModelOps:Window ({new Duration(settings.Window)}), not set per model; write {new Duration(settings.Window)} or leave it out");
        }
        // Both halves are validated before either is applied, against the task and drift window the document sets, and
        // each drift override against its feature's shape (which a plain PUT of the definition leaves to report time).
        DefinitionValidator.Validate(update, settings.MaxFeatures);
        drift.ValidateOverrides(update.Features);
        return RuleSetValidator.Validate(rules, update.Task, settings.Window, update.Drift?.Window ?? DriftWindow.DefaultLength);
    }

    private ModelConfiguration Configuration()
    {
        var state = definition.State;
        var stored = new ModelDefinition
        {
            Name = state.Name,
            Version = state.Version,
            Task = state.Task,
            Features = state.Features.ToArray(),
            Drift = state.Drift,
        };
        return new ModelConfiguration(ModelId, stored, Book.Rules.Select(rule => rule.ToContract()).ToArray(), drift.DefaultChoices(), settings.Window);
    }
}
