using System.Text.RegularExpressions;
using ModelOps.Contracts;

namespace ModelOps.Grains.Alerting.Rules;

/// <summary>
/// Checks a model's whole rule set before it replaces the stored one, and compiles it. The set is accepted whole or
/// refused whole: the first invalid field is reported by its path (<c>rules[2].op</c>) with a reason a person can act on.
/// </summary>
public static partial class RuleSetValidator
{
    public const int MaxRules = 100;
    public const int MaxIdLength = 64;
    public const int MaxNameLength = 200;
    public static readonly TimeSpan MaxFor = TimeSpan.FromHours(24);

    private const string IdRule = "1–64 characters of letters, digits, '-', '_' and '.'";

    /// <param name="rules">The rules of a <c>PUT /rules</c> body; an empty list removes every rule.</param>
    /// <param name="task">The model's task: accuracy is for classification, mae and rmse for regression.</param>
    /// <param name="modelWindow">The longest window a performance metric may use.</param>
    /// <param name="driftWindow">The longest window a drift metric may use.</param>
    /// <exception cref="InvalidRequestException">The first invalid field; nothing is compiled.</exception>
    public static CompiledRule[] Validate(IReadOnlyList<AlertRule>? rules, ModelTask task, TimeSpan modelWindow, TimeSpan driftWindow)
    {
        if (rules is null)
        {
            throw new InvalidRequestException("rules", "required: a list of rules, [] for none");
        }
        if (rules.Count > MaxRules)
        {
            throw new InvalidRequestException("rules", $"at most {MaxRules} rules, got {rules.Count}");
        }
        var compiled = new CompiledRule[rules.Count];
        var indexOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i] ?? throw new InvalidRequestException($"rules[{i}]", "expected a rule object, got null");
            var id = rule.Id;
            if (id is null || !IdPattern().IsMatch(id))
            {
                throw new InvalidRequestException($"rules[{i}].id", id is null ? $"required: {IdRule}" : $"expected {IdRule}");
            }
            if (!indexOfId.TryAdd(id, i))
            {
                throw new InvalidRequestException($"rules[{i}].id", $"duplicate of rules[{indexOfId[id]}]");
            }
            compiled[i] = Compile(rule, id, $"rules[{i}]", task, modelWindow, driftWindow);
        }
        return compiled;
    }

    private static CompiledRule Compile(AlertRule rule, string id, string path, ModelTask task, TimeSpan modelWindow, TimeSpan driftWindow)
    {
        if (rule.Name is { Length: > MaxNameLength })
        {
            throw new InvalidRequestException($"{path}.name", $"at most {MaxNameLength} characters");
        }
        var metric = Metric(rule.Metric, $"{path}.metric", task);
        if (!RuleOps.TryParse(rule.Op, out var op))
        {
            throw new InvalidRequestException($"{path}.op", rule.Op is null ? $"required: one of {RuleOps.Symbols}" : $"expected one of {RuleOps.Symbols}, got '{rule.Op}'");
        }
        var threshold = rule.Threshold switch
        {
            null => throw new InvalidRequestException($"{path}.threshold", "required: a number in the metric's unit (ms for latency, events per second for throughput)"),
            { } value when !double.IsFinite(value) => throw new InvalidRequestException($"{path}.threshold", "expected a finite number"),
            { } value => value,
        };
        var @for = rule.For?.Value ?? TimeSpan.Zero;
        if (@for < TimeSpan.Zero || @for > MaxFor)
        {
            throw new InvalidRequestException($"{path}.for", "expected a duration from 0s to 24h");
        }
        var window = rule.Window?.Value;
        if (window is { } span)
        {
            CheckWindow(span, $"{path}.window", metric.IsDrift ? ("the drift window", driftWindow) : ("the model's window", modelWindow));
        }
        if (rule.Severity is { } severity && !Enum.IsDefined(severity))
        {
            throw new InvalidRequestException($"{path}.severity", "expected critical, warning or info");
        }
        var actions = rule.Actions ?? [];
        for (var j = 0; j < actions.Count; j++)
        {
            if (actions[j] != CompiledRule.RetrainAction)
            {
                throw new InvalidRequestException($"{path}.actions[{j}]", $"unknown action '{actions[j]}': expected {CompiledRule.RetrainAction}");
            }
        }
        return new CompiledRule(
            id,
            string.IsNullOrWhiteSpace(rule.Name) ? id : rule.Name,
            metric,
            op,
            threshold,
            @for,
            window,
            rule.Severity ?? AlertSeverity.Warning,
            actions.Count > 0);
    }

    private static RuleMetric Metric(string? text, string field, ModelTask task)
    {
        if (!RuleMetric.TryParse(text, out var metric, out var error))
        {
            throw new InvalidRequestException(field, error);
        }
        return metric.OnlyFor switch
        {
            ModelTask.Classification when task != ModelTask.Classification =>
                throw new InvalidRequestException(field, $"{metric} is computed for classification models only; this is a regression model (use mae, rmse, mape or r2)"),
            ModelTask.Regression when task != ModelTask.Regression =>
                throw new InvalidRequestException(field, $"{metric} is computed for regression models only; this is a classification model (use accuracy, precision, recall, f1, rocAuc or logLoss)"),
            _ => metric,
        };
    }

    private static void CheckWindow(TimeSpan window, string field, (string Name, TimeSpan Length) limit)
    {
        if (window <= TimeSpan.Zero || window.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new InvalidRequestException(field, "expected whole seconds, at least 1s (e.g. 30s or 5m); leave it out for the model's window");
        }
        if (window > limit.Length)
        {
            throw new InvalidRequestException(field, $"at most {limit.Name} of {new Duration(limit.Length)}: a rule may use a shorter window, not a longer one");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
