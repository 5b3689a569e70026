namespace ModelOps.Grains.Alerting.Rules;

/// <summary>The comparison that breaks a rule: the alert is pending or firing while <c>value op threshold</c> holds.</summary>
[GenerateSerializer, Alias("ModelOps.RuleOp")]
public enum RuleOp
{
    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
}

/// <summary>The symbols of <see cref="RuleOp"/> as rules write them.</summary>
public static class RuleOps
{
    /// <summary>Every symbol, as an error message lists them.</summary>
    public const string Symbols = "<, <=, >, >=";

    public static string Symbol(this RuleOp op) => op switch
    {
        RuleOp.LessThan => "<",
        RuleOp.LessOrEqual => "<=",
        RuleOp.GreaterThan => ">",
        RuleOp.GreaterOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a rule op"),
    };

    /// <summary>How a sentence says the value stands against the threshold, e.g. <c>below</c>.</summary>
    public static string Words(this RuleOp op) => op switch
    {
        RuleOp.LessThan => "below",
        RuleOp.LessOrEqual => "at or below",
        RuleOp.GreaterThan => "above",
        RuleOp.GreaterOrEqual => "at or above",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a rule op"),
    };

    public static bool TryParse(string? symbol, out RuleOp op)
    {
        (bool Known, RuleOp Op) parsed = symbol switch
        {
            "<" => (true, RuleOp.LessThan),
            "<=" => (true, RuleOp.LessOrEqual),
            ">" => (true, RuleOp.GreaterThan),
            ">=" => (true, RuleOp.GreaterOrEqual),
            _ => (false, default),
        };
        op = parsed.Op;
        return parsed.Known;
    }

    /// <summary>True when <paramref name="value"/> breaks the rule; NaN never does.</summary>
    public static bool Holds(this RuleOp op, double value, double threshold) => op switch
    {
        RuleOp.LessThan => value < threshold,
        RuleOp.LessOrEqual => value <= threshold,
        RuleOp.GreaterThan => value > threshold,
        RuleOp.GreaterOrEqual => value >= threshold,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a rule op"),
    };
}
