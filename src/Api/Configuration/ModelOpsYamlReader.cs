using System.Globalization;
using System.Text.RegularExpressions;
using ModelOps.Contracts;
using ModelOps.Grains.Drift;
using ModelOps.Grains.Drift.Window;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ModelOps.Api.Configuration;

/// <summary>A feature whose drift the document leaves to the default selector, with the method and threshold it states (if any).</summary>
public sealed record DefaultDriftClaim(int FeatureIndex, string Feature, string? Method, double? Threshold);

/// <summary>A parsed <c>modelops</c> document, with the position of every value it holds.</summary>
/// <param name="ModelId">The document's <c>model.id</c>; null when it leaves it out.</param>
/// <param name="Definition">The definition the document sets; defaults are stored as absent.</param>
/// <param name="Rules">The rule set the document sets.</param>
/// <param name="DefaultDrift">The features left to the default selector and what the document says it chose.</param>
/// <param name="MetricsWindow">The stated <c>windows.metrics</c> (the server's, read only).</param>
/// <param name="NullShareIncrease">The stated <c>windows.nullShareIncrease</c> (fixed, read only).</param>
/// <param name="Notifications">The stated channel routes; null when the document leaves them out.</param>
/// <param name="Positions">Where each path's value starts.</param>
public sealed record ModelOpsDocument(
    string? ModelId,
    ModelDefinition Definition,
    IReadOnlyList<AlertRule> Rules,
    IReadOnlyList<DefaultDriftClaim> DefaultDrift,
    TimeSpan? MetricsWindow,
    double? NullShareIncrease,
    ChannelRoutes? Notifications,
    DocumentPositions Positions);

/// <summary>Where the values of a document start, by path (<c>rules[1].threshold</c>).</summary>
public sealed class DocumentPositions
{
    private readonly Dictionary<string, Mark> marks = new(StringComparer.Ordinal);

    internal void Record(string path, Mark mark) => marks[path] = mark;

    /// <summary>An error at the path, placed at its value, or at its nearest enclosing value when it is absent.</summary>
    public ConfigDocumentException Error(string path, string reason)
    {
        for (var probe = path; ; probe = Parent(probe))
        {
            if (marks.TryGetValue(probe, out var mark))
            {
                return new ConfigDocumentException(path, mark, reason);
            }
            if (probe.Length == 0)
            {
                return new ConfigDocumentException(path, new Mark(0, 1, 1), reason);
            }
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}

/// <summary>
/// Reads a <c>modelops</c> YAML document into a definition and a rule set, checking shapes and types as it goes and
/// keeping every value's line and column, so each problem (here or in the validators later) points at its place.
/// </summary>
public sealed partial class ModelOpsYamlReader
{
    private static readonly string[] TopKeys = ["apiVersion", "kind", "model", "features", "windows", "rules", "notifications"];
    private static readonly string[] ModelKeys = ["id", "name", "version", "task"];
    private static readonly string[] FeatureKeys = ["name", "type", "learned", "drift"];
    private static readonly string[] DriftKeys = ["method", "threshold", "source"];
    private static readonly string[] WindowKeys = ["metrics", "drift", "baselineSize", "driftShare", "nullShareIncrease"];
    private static readonly string[] RuleKeys = ["id", "name", "metric", "op", "threshold", "for", "window", "severity", "actions"];
    private static readonly string[] NotificationKeys = ["alerts", "retrain"];

    private readonly DocumentPositions positions = new();

    private ModelOpsYamlReader()
    {
    }

    /// <exception cref="ConfigDocumentException">The document is not YAML, or not a well-formed modelops document.</exception>
    public static ModelOpsDocument Read(string text) => new ModelOpsYamlReader().ReadDocument(text);

    private ModelOpsDocument ReadDocument(string text)
    {
        CheckSyntax(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            // What the parser lets through but a document may not hold, such as a key given twice.
            throw new ConfigDocumentException("document", ex.Start, MarkPrefix().Replace(ex.Message, ""));
        }
        if (stream.Documents.Count == 0)
        {
            throw positions.Error("document", $"empty: expected an apiVersion: {ModelOpsYaml.ApiVersion}, kind: {ModelOpsYaml.Kind} document");
        }
        if (stream.Documents.Count > 1)
        {
            throw new ConfigDocumentException("document", stream.Documents[1].RootNode.Start, "expected one document, found several");
        }
        var root = Section(stream.Documents[0].RootNode, "", TopKeys);
        Expect(root, "apiVersion", ModelOpsYaml.ApiVersion);
        Expect(root, "kind", ModelOpsYaml.Kind);

        var model = Section(root.Required("model", "the model's id, name, version and task"), "model", ModelKeys);
        var features = new List<FeatureDefinition>();
        var defaults = new List<DefaultDriftClaim>();
        if (root.Optional("features") is { } featureList)
        {
            foreach (var (node, path) in Items(featureList, "features"))
            {
                features.Add(Feature(Section(node, path, FeatureKeys), features.Count, defaults));
            }
        }
        var windows = root.Optional("windows") is { } windowNode ? Section(windowNode, "windows", WindowKeys) : null;
        var rules = Items(root.Required("rules", "the model's alert rules, [] for none"), "rules")
            .Select(item => Rule(Section(item.Node, item.Path, RuleKeys)))
            .ToArray();
        var notifications = root.Optional("notifications") is { } routes ? Notifications(Section(routes, "notifications", NotificationKeys)) : null;

        var definition = new ModelDefinition
        {
            Name = String(model, "name"),
            Version = String(model, "version"),
            Task = Choice(model, "task", ConfigNames.Tasks) ?? throw Missing(model, "task", "classification or regression"),
            Features = features,
            Drift = windows is null ? null : DriftSettings(windows),
        };
        return new ModelOpsDocument(
            String(model, "id"), definition, rules, defaults,
            windows is null ? null : Duration(windows, "metrics"),
            windows is null ? null : Number(windows, "nullShareIncrease"),
            notifications, positions);
    }

    /// <summary>
    /// Deepest nesting of mappings and lists a document may have. A modelops document nests four deep (a feature's drift
    /// settings); the tree is built by recursion, so a limit checked before building keeps a deep document from
    /// overflowing the stack.
    /// </summary>
    public const int MaxDepth = 16;

    /// <summary>Most nodes (keys, values, mappings, lists) a document may have: a model at the feature cap (10,000) with
    /// every feature's drift pinned, and the most rules, fit well within it.</summary>
    public const int MaxNodes = 250_000;

    /// <summary>
    /// Runs the parser over the whole text first, counting depth and nodes, and keeping the end of the last good event,
    /// so that no tree is built for a document that is too deep or too large. YamlDotNet reports most syntax errors with
    /// their position, but a few (an unclosed bracket at the end) as a bare <see cref="InvalidOperationException"/>.
    /// </summary>
    private static void CheckSyntax(string text)
    {
        var parser = new Parser(new StringReader(text));
        var lastGood = new Mark(0, 1, 1);
        var (depth, nodes) = (0, 0);
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case MappingStart or SequenceStart when ++depth > MaxDepth:
                        throw new ConfigDocumentException("document", current.Start, $"nested more than {MaxDepth} deep; a modelops document nests at most 4 deep");
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
                if (current is NodeEvent && ++nodes > MaxNodes)
                {
                    throw new ConfigDocumentException("document", current.Start, $"more than {MaxNodes} nodes (keys, values, mappings and lists)");
                }
                lastGood = current.End;
            }
        }
        catch (YamlException ex)
        {
            throw new ConfigDocumentException("document", ex.Start, "not valid YAML: " + MarkPrefix().Replace(ex.Message, ""));
        }
        catch (InvalidOperationException)
        {
            throw new ConfigDocumentException("document", lastGood, "not valid YAML: the text after this point does not parse (an unclosed bracket or quote?)");
        }
    }

    private FeatureDefinition Feature(SectionNode feature, int index, List<DefaultDriftClaim> defaults)
    {
        var name = String(feature, "name") ?? throw Missing(feature, "name", "the feature's name as events send it");
        var type = Choice(feature, "type", ConfigNames.FeatureTypes) ?? throw Missing(feature, "type", "numeric or categorical");
        FeatureDriftSettings? pinned = null;
        if (feature.Optional("drift") is { } driftNode)
        {
            var drift = Section(driftNode, feature.Path + ".drift", DriftKeys);
            var method = String(drift, "method");
            var threshold = Number(drift, "threshold");
            var source = Choice(drift, "source", Sources) ?? ModelOpsYaml.OverrideSource;
            if (source == ModelOpsYaml.DefaultSource)
            {
                defaults.Add(new DefaultDriftClaim(index, name, method, threshold));
            }
            else if (method is null or ModelOpsYaml.AutoMethod)
            {
                throw Missing(drift, "method", $"the drift method of an override (source: override); write source: {ModelOpsYaml.DefaultSource} to leave it to the default selector");
            }
            else
            {
                pinned = new FeatureDriftSettings(method, threshold);
            }
        }
        return new FeatureDefinition { Name = name, Type = type, Learned = Boolean(feature, "learned") ?? false, Drift = pinned };
    }

    /// <summary>The drift settings, a default value stored as absent so that the definition says only what differs.</summary>
    private ModelDriftSettings? DriftSettings(SectionNode windows)
    {
        var window = Duration(windows, "drift");
        var baselineSize = WholeNumber(windows, "baselineSize");
        var share = Number(windows, "driftShare");
        var settings = new ModelDriftSettings
        {
            Window = window == DriftWindow.DefaultLength ? null : window,
            BaselineSize = baselineSize == DriftMonitor.DefaultBaselineSize ? null : baselineSize,
            ShareThreshold = share == DriftMonitor.DefaultShareThreshold ? null : share,
        };
        return settings is { Window: null, BaselineSize: null, ShareThreshold: null } ? null : settings;
    }

    private AlertRule Rule(SectionNode rule) => new()
    {
        Id = String(rule, "id"),
        Name = String(rule, "name"),
        Metric = String(rule, "metric"),
        Op = String(rule, "op"),
        Threshold = Number(rule, "threshold"),
        For = Duration(rule, "for") is { } hold ? new Duration(hold) : null,
        Window = Duration(rule, "window") is { } span ? new Duration(span) : null,
        Severity = Choice(rule, "severity", ConfigNames.Severities),
        Actions = rule.Optional("actions") is { } actions ? Strings(actions, rule.Path + ".actions") : null,
    };

    private ChannelRoutes Notifications(SectionNode routes) => new(
        routes.Optional("alerts") is { } alerts ? Strings(alerts, "notifications.alerts") : [],
        routes.Optional("retrain") is { } retrain ? Strings(retrain, "notifications.retrain") : []);

    private static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ModelOpsYaml.DefaultSource] = ModelOpsYaml.DefaultSource,
        [ModelOpsYaml.OverrideSource] = ModelOpsYaml.OverrideSource,
    };

    private void Expect(SectionNode section, string key, string expected)
    {
        var value = String(section, key) ?? throw Missing(section, key, expected);
        if (value != expected)
        {
            throw positions.Error(section.Child(key), $"expected {expected}, got '{value}'");
        }
    }

    private SectionNode Section(YamlNode node, string path, string[] allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw new ConfigDocumentException(Display(path), node.Start, $"expected a mapping (key: value lines), got {Describe(node)}");
        }
        var section = new SectionNode(mapping, path);
        positions.Record(path, node.Start);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new ConfigDocumentException(Display(path), keyNode.Start, "expected a plain key");
            }
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw new ConfigDocumentException(section.Child(key), keyNode.Start, $"unknown key; expected one of {string.Join(", ", allowed)}");
            }
            section.Fields[key] = value;
            positions.Record(section.Child(key), value.Start);
        }
        return section;
    }

    private IEnumerable<(YamlNode Node, string Path)> Items(YamlNode node, string path)
    {
        if (IsNull(node))
        {
            return [];
        }
        if (node is not YamlSequenceNode sequence)
        {
            throw new ConfigDocumentException(path, node.Start, $"expected a list, got {Describe(node)}");
        }
        var items = sequence.Children.Select((item, i) => (item, $"{path}[{i}]")).ToArray();
        foreach (var (item, itemPath) in items)
        {
            positions.Record(itemPath, item.Start);
        }
        return items;
    }

    private string[] Strings(YamlNode node, string path) =>
        Items(node, path).Select(item => Text(item.Node, item.Path) ?? throw new ConfigDocumentException(item.Path, item.Node.Start, "expected text, got null")).ToArray();

    private static string? String(SectionNode section, string key) =>
        section.Optional(key) is { } node ? Text(node, section.Child(key)) : null;

    private static string? Text(YamlNode node, string path) => node switch
    {
        _ when IsNull(node) => null,
        YamlScalarNode scalar => scalar.Value,
        _ => throw new ConfigDocumentException(path, node.Start, $"expected text, got {Describe(node)}"),
    };

    private static double? Number(SectionNode section, string key)
    {
        if (section.Optional(key) is not { } node || IsNull(node))
        {
            return null;
        }
        return node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ConfigDocumentException(section.Child(key), node.Start, $"expected a number, got {Describe(node)}");
    }

    private static int? WholeNumber(SectionNode section, string key) => Number(section, key) switch
    {
        null => null,
        { } value when value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue => (int)value,
        _ => throw new ConfigDocumentException(section.Child(key), section.Fields[key].Start, $"expected a whole number, got {Describe(section.Fields[key])}"),
    };

    private static bool? Boolean(SectionNode section, string key) => String(section, key) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        _ => throw new ConfigDocumentException(section.Child(key), section.Fields[key].Start, $"expected true or false, got {Describe(section.Fields[key])}"),
    };

    private static TimeSpan? Duration(SectionNode section, string key)
    {
        var text = String(section, key);
        if (text is null)
        {
            return null;
        }
        return Contracts.Duration.TryParse(text, out var duration)
            ? duration.Value
            : throw new ConfigDocumentException(section.Child(key), section.Fields[key].Start, $"expected a duration, {Contracts.Duration.Format}; got '{text}'");
    }

    private static T? Choice<T>(SectionNode section, string key, IReadOnlyDictionary<string, T> choices) where T : struct =>
        String(section, key) is not { } text ? null
        : choices.TryGetValue(text, out var value) ? value
        : throw new ConfigDocumentException(section.Child(key), section.Fields[key].Start, $"expected {string.Join(", ", choices.Keys.SkipLast(1))} or {choices.Keys.Last()}, got '{text}'");

    private static string? Choice(SectionNode section, string key, IReadOnlyDictionary<string, string> choices) =>
        String(section, key) is not { } text ? null
        : choices.TryGetValue(text, out var value) ? value
        : throw new ConfigDocumentException(section.Child(key), section.Fields[key].Start, $"expected {string.Join(" or ", choices.Keys)}, got '{text}'");

    private static ConfigDocumentException Missing(SectionNode section, string key, string what) =>
        new(section.Child(key), section.Node.Start, $"required: {what}");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var value } => $"'{value}'",
        YamlScalarNode { Value: var value } => $"the quoted text '{value}'",
        _ => "an alias",
    };

    private static string Display(string path) => path.Length == 0 ? "document" : path;

    /// <summary>YamlDotNet starts its messages with the marks, which the problem states on its own.</summary>
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();

    /// <summary>A mapping of the document with its path and its fields by key.</summary>
    private sealed class SectionNode(YamlMappingNode node, string path)
    {
        public YamlMappingNode Node { get; } = node;
        public string Path { get; } = path;
        public Dictionary<string, YamlNode> Fields { get; } = new(StringComparer.Ordinal);

        public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

        public YamlNode? Optional(string key) => Fields.GetValueOrDefault(key);

        public YamlNode Required(string key, string what) => Optional(key) is { } node && !IsNull(node)
            ? node
            : throw new ConfigDocumentException(Child(key), Node.Start, $"required: {what}");
    }
}
