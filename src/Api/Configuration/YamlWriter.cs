using System.Globalization;
using System.Text.RegularExpressions;
using ModelOps.Contracts;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ModelOps.Api.Configuration;

/// <summary>
/// Writes one block-style YAML document through YamlDotNet's emitter, so quoting is always right. Keys come out in the
/// order they are written and numbers in their shortest round-trip form, which makes the output deterministic.
/// </summary>
internal sealed partial class YamlWriter
{
    private readonly StringWriter text = new(CultureInfo.InvariantCulture) { NewLine = "\n" };
    private readonly Emitter emitter;

    public YamlWriter()
    {
        emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
    }

    public YamlWriter Map(string key)
    {
        Key(key);
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
        return this;
    }

    /// <summary>Starts a mapping as the next item of a list.</summary>
    public YamlWriter Item()
    {
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
        return this;
    }

    public YamlWriter End()
    {
        emitter.Emit(new MappingEnd());
        return this;
    }

    public YamlWriter List(string key)
    {
        Key(key);
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
        return this;
    }

    public YamlWriter EndList()
    {
        emitter.Emit(new SequenceEnd());
        return this;
    }

    /// <summary>A list of strings on one line: <c>[a, b]</c>, or <c>[]</c>.</summary>
    public YamlWriter Strings(string key, IEnumerable<string> values)
    {
        Key(key);
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow));
        foreach (var value in values)
        {
            StringScalar(value);
        }
        emitter.Emit(new SequenceEnd());
        return this;
    }

    public YamlWriter String(string key, string value)
    {
        Key(key);
        StringScalar(value);
        return this;
    }

    public YamlWriter Number(string key, double value)
    {
        Key(key);
        Plain(FormatNumber(value));
        return this;
    }

    public YamlWriter Number(string key, double? value) => value is { } number ? Number(key, number) : Null(key);

    public YamlWriter Boolean(string key, bool value)
    {
        Key(key);
        Plain(value ? "true" : "false");
        return this;
    }

    public YamlWriter Null(string key)
    {
        Key(key);
        Plain("null");
        return this;
    }

    public YamlWriter Duration(string key, TimeSpan value) => String(key, new Duration(value).ToString());

    /// <summary>Closes the document and returns its text; the writer is done after this.</summary>
    public string Finish()
    {
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>Shortest text that parses back to the same double.</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private void Key(string key) => StringScalar(key);

    private void Plain(string value) => emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, true, false));

    /// <summary>A string that a YAML reader would take for a number, a boolean or null is quoted, so it stays a string.</summary>
    private void StringScalar(string value) => emitter.Emit(LooksLikeAnotherType().IsMatch(value)
        ? new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.DoubleQuoted, false, true)
        : new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Any, true, true));

    [GeneratedRegex(@"^$|^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$|^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$|^0x[0-9a-fA-F]+$|^0o?[0-7]+$|^[0-9]+(:[0-5]?[0-9])+(\.[0-9_]*)?$")]
    private static partial Regex LooksLikeAnotherType();
}
