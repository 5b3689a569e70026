namespace ModelOps.Dashboard.Yaml;

/// <summary>The kind of a highlighted piece of YAML, which is also its CSS class (<c>yaml-key</c>, …).</summary>
public enum YamlTokenKind
{
    Plain,
    Key,
    String,
    Number,
    Literal,
    Comment,
    Punctuation,
}

/// <summary>A piece of a YAML line and what it is.</summary>
public readonly record struct YamlToken(YamlTokenKind Kind, string Text)
{
    public string CssClass => Kind switch
    {
        YamlTokenKind.Key => "yaml-key",
        YamlTokenKind.String => "yaml-string",
        YamlTokenKind.Number => "yaml-number",
        YamlTokenKind.Literal => "yaml-literal",
        YamlTokenKind.Comment => "yaml-comment",
        YamlTokenKind.Punctuation => "yaml-punctuation",
        _ => "yaml-plain",
    };
}

/// <summary>
/// Line-by-line highlighting of the block-style YAML the server writes: keys, scalars by kind, comments, list dashes.
/// It colours text and never changes it: the tokens of a line put together are the line. Flow collections and
/// multi-line scalars come out as plain or string text, which is enough for reading generated configuration.
/// </summary>
public static class YamlHighlighter
{
    public static IReadOnlyList<IReadOnlyList<YamlToken>> Highlight(string yaml) =>
        [.. yaml.ReplaceLineEndings("\n").Split('\n').Select(Line)];

    public static IReadOnlyList<YamlToken> Line(string line)
    {
        var tokens = new List<YamlToken>();
        var rest = line.AsSpan();
        var indent = rest.Length - rest.TrimStart(' ').Length;
        if (indent > 0)
        {
            tokens.Add(new(YamlTokenKind.Plain, rest[..indent].ToString()));
            rest = rest[indent..];
        }
        while (rest.StartsWith("- ") || rest.SequenceEqual("-"))
        {
            var dash = rest.Length > 1 ? 2 : 1;
            tokens.Add(new(YamlTokenKind.Punctuation, rest[..dash].ToString()));
            rest = rest[dash..];
        }
        if (rest.StartsWith("#"))
        {
            tokens.Add(new(YamlTokenKind.Comment, rest.ToString()));
            return tokens;
        }
        var colon = KeyEnd(rest);
        if (colon >= 0)
        {
            tokens.Add(new(YamlTokenKind.Key, rest[..colon].ToString()));
            tokens.Add(new(YamlTokenKind.Punctuation, ":"));
            rest = rest[(colon + 1)..];
            var space = rest.Length - rest.TrimStart(' ').Length;
            if (space > 0)
            {
                tokens.Add(new(YamlTokenKind.Plain, rest[..space].ToString()));
                rest = rest[space..];
            }
        }
        if (!rest.IsEmpty)
        {
            Value(rest.ToString(), tokens);
        }
        return tokens;
    }

    /// <summary>Where a mapping key ends: the first <c>": "</c> (or a colon ending the line) outside quotes; -1 when there is none.</summary>
    private static int KeyEnd(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text[0] is '"' or '\'' or '{' or '[')
        {
            return -1;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ':' && (i == text.Length - 1 || text[i + 1] == ' '))
            {
                return i;
            }
            if (text[i] == '#' && i > 0 && text[i - 1] == ' ')
            {
                return -1;
            }
        }
        return -1;
    }

    private static void Value(string text, List<YamlToken> tokens)
    {
        var comment = CommentStart(text);
        var value = comment < 0 ? text : text[..comment];
        var trimmed = value.TrimEnd();
        tokens.Add(new(Kind(trimmed), trimmed));
        if (trimmed.Length < value.Length)
        {
            tokens.Add(new(YamlTokenKind.Plain, value[trimmed.Length..]));
        }
        if (comment >= 0)
        {
            tokens.Add(new(YamlTokenKind.Comment, text[comment..]));
        }
    }

    /// <summary>Where a trailing comment starts (a <c>#</c> after a space, outside quotes); -1 when there is none.</summary>
    private static int CommentStart(string text)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'' && i == 0)
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || text[i - 1] == ' '))
            {
                return i;
            }
        }
        return -1;
    }

    private static YamlTokenKind Kind(string value) => value switch
    {
        "true" or "false" or "null" or "~" => YamlTokenKind.Literal,
        ['"', ..] or ['\'', ..] => YamlTokenKind.String,
        _ when double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) => YamlTokenKind.Number,
        ['|' or '>', ..] => YamlTokenKind.Punctuation,
        ['[', ..] or ['{', ..] => YamlTokenKind.Plain,
        _ => YamlTokenKind.String,
    };
}
