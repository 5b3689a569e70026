using System.Globalization;
using System.Text;

namespace ModelOps.Api.Tests.Hosting;

/// <summary>One sample of the Prometheus text exposition format: <c>name{label="value",…} value</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4) strictly: every line is a comment, blank, or a sample
/// whose label values are quoted with <c>\\</c>, <c>\"</c> and <c>\n</c> escapes; anything else fails the test.
/// </summary>
public sealed class PrometheusText
{
    private PrometheusText(IReadOnlyList<PrometheusSample> samples, IReadOnlyDictionary<string, string> types)
    {
        Samples = samples;
        Types = types;
    }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>The <c># TYPE</c> of each metric family.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 4 && parts[1] == "TYPE")
                {
                    types[parts[2]] = parts[3];
                }
                continue;
            }
            samples.Add(ParseSample(line));
        }
        return new PrometheusText(samples, types);
    }

    /// <summary>The samples of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    public IReadOnlyList<PrometheusSample> All(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(sample => sample.Name == name
            && labels.All(label => sample.Labels.TryGetValue(label.Label, out var value) && value == label.Value)).ToArray();

    /// <summary>The value of the one sample that matches; fails when there is none or several.</summary>
    public double Value(string name, params (string Label, string Value)[] labels)
    {
        var matching = All(name, labels);
        Assert.True(matching.Count == 1,
            $"Expected one sample of {name}{{{string.Join(",", labels.Select(l => $"{l.Label}=\"{l.Value}\""))}}}, found {matching.Count}.");
        return matching[0].Value;
    }

    private static PrometheusSample ParseSample(string line)
    {
        var position = 0;
        while (position < line.Length && (char.IsAsciiLetterOrDigit(line[position]) || line[position] is '_' or ':'))
        {
            position++;
        }
        var name = line[..position];
        Assert.False(name.Length == 0 || char.IsAsciiDigit(name[0]), $"Not a metric name: {line}");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var equals = line.IndexOf('=', position);
                var label = line[position..equals];
                Assert.Matches("^[a-zA-Z_][a-zA-Z0-9_]*$", label);
                Assert.Equal('"', line[equals + 1]);
                var value = new StringBuilder();
                position = equals + 2;
                for (; line[position] != '"'; position++)
                {
                    if (line[position] == '\\')
                    {
                        position++;
                        value.Append(line[position] switch
                        {
                            'n' => '\n',
                            '\\' => '\\',
                            '"' => '"',
                            var other => throw new FormatException($"Unknown escape \\{other} in: {line}"),
                        });
                    }
                    else
                    {
                        value.Append(line[position]);
                    }
                }
                Assert.True(labels.TryAdd(label, value.ToString()), $"Label {label} twice in: {line}");
                position++;
                if (line[position] == ',')
                {
                    position++;
                }
            }
            position++;
        }
        Assert.Equal(' ', line[position]);
        var fields = line[(position + 1)..].Split(' ');
        Assert.InRange(fields.Length, 1, 2);
        var number = fields[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusSample(name, labels, number);
    }
}
