using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>
/// One row of the rules editor. Durations are edited as text (<c>"1m"</c>, <c>"1h30m"</c>) and must parse before the
/// set is sent; everything else is checked by the API, which names the field as <c>rules[i].field</c>.
/// </summary>
public sealed class RuleDraft
{
    public const string RetrainAction = "retrain";

    public static readonly IReadOnlyList<string> Ops = ["<", "<=", ">", ">="];

    /// <summary>The metrics every model has, in the order the editor suggests them; drift and null-share metrics follow per feature.</summary>
    public static readonly IReadOnlyList<string> PlainMetrics =
        ["accuracy", "errorRate", "latencyMean", "latencyP50", "latencyP95", "latencyP99", "throughput", "mae", "rmse", "driftShare"];

    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Metric { get; set; } = "";

    public string Op { get; set; } = ">";

    public double? Threshold { get; set; }

    /// <summary>Empty: the API's default (0s).</summary>
    public string For { get; set; } = "";

    /// <summary>Empty: the model's window.</summary>
    public string Window { get; set; } = "";

    public AlertSeverity Severity { get; set; } = AlertSeverity.Warning;

    public bool Retrain { get; set; }

    /// <summary>Actions other than retrain that the editor does not show, kept as they were.</summary>
    private IReadOnlyList<string> OtherActions { get; init; } = [];

    /// <summary>The metrics the editor suggests for a model with these features.</summary>
    public static IReadOnlyList<string> SuggestedMetrics(IEnumerable<string> features)
    {
        var names = features.ToArray();
        return [.. PlainMetrics, .. names.Select(name => $"drift:{name}"), .. names.Select(name => $"nullShare:{name}")];
    }

    public static RuleDraft From(AlertRule rule) => new()
    {
        Id = rule.Id ?? "",
        Name = rule.Name ?? "",
        Metric = rule.Metric ?? "",
        Op = rule.Op ?? ">",
        Threshold = rule.Threshold,
        For = rule.For?.ToString() ?? "",
        Window = rule.Window?.ToString() ?? "",
        Severity = rule.Severity ?? AlertSeverity.Warning,
        Retrain = rule.Actions?.Contains(RetrainAction) == true,
        OtherActions = [.. (rule.Actions ?? []).Where(action => action != RetrainAction)],
    };

    /// <summary>The durations that do not parse, as <c>rules[i].for: …</c>; empty when the set can be sent.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<RuleDraft> rules)
    {
        var errors = new List<string>();
        for (var i = 0; i < rules.Count; i++)
        {
            foreach (var (field, text) in new[] { ("for", rules[i].For), ("window", rules[i].Window) })
            {
                if (text.Length > 0 && !Duration.TryParse(text, out _))
                {
                    errors.Add($"rules[{i}].{field}: '{text}' is not a duration: expected {Duration.Format}");
                }
            }
        }
        return errors;
    }

    /// <summary>The rule as the API takes it; call after <see cref="Validate"/> found nothing.</summary>
    public AlertRule ToRule() => new()
    {
        Id = Id.Length == 0 ? null : Id,
        Name = Name.Length == 0 ? null : Name,
        Metric = Metric.Length == 0 ? null : Metric,
        Op = Op,
        Threshold = Threshold,
        For = For.Length == 0 ? null : Duration.Parse(For),
        Window = Window.Length == 0 ? null : Duration.Parse(Window),
        Severity = Severity,
        Actions = Retrain ? [RetrainAction, .. OtherActions] : OtherActions,
    };
}
