using ModelOps.Dashboard.Yaml;

namespace ModelOps.Dashboard.Tests.Yaml;

public sealed class YamlHighlighterTests
{
    [Fact]
    public void A_key_with_a_number_is_split_into_indent_key_colon_space_and_number()
    {
        Assert.Equal(
            [new(YamlTokenKind.Plain, "    "), new(YamlTokenKind.Key, "threshold"), new(YamlTokenKind.Punctuation, ":"),
             new(YamlTokenKind.Plain, " "), new YamlToken(YamlTokenKind.Number, "0.1")],
            YamlHighlighter.Line("    threshold: 0.1"));
    }

    [Fact]
    public void A_list_item_starts_with_its_dash_and_a_trailing_comment_is_a_comment()
    {
        Assert.Equal(
            [new(YamlTokenKind.Plain, "  "), new(YamlTokenKind.Punctuation, "- "), new(YamlTokenKind.Key, "name"),
             new(YamlTokenKind.Punctuation, ":"), new(YamlTokenKind.Plain, " "), new(YamlTokenKind.String, "amount"),
             new(YamlTokenKind.Plain, " "), new YamlToken(YamlTokenKind.Comment, "# declared")],
            YamlHighlighter.Line("  - name: amount # declared"));
    }

    [Theory]
    [InlineData("enabled: true", YamlTokenKind.Literal)]
    [InlineData("version: null", YamlTokenKind.Literal)]
    [InlineData("name: \"Fraud: detector # 2\"", YamlTokenKind.String)]
    [InlineData("count: -12", YamlTokenKind.Number)]
    [InlineData("for: 30s", YamlTokenKind.String)]
    public void A_value_is_coloured_by_its_kind(string line, YamlTokenKind kind)
    {
        Assert.Equal(kind, YamlHighlighter.Line(line)[^1].Kind);
    }

    [Fact]
    public void A_quoted_value_keeps_a_hash_and_a_colon_inside_it()
    {
        var tokens = YamlHighlighter.Line("name: \"Fraud: detector # 2\"");

        Assert.Equal(new YamlToken(YamlTokenKind.String, "\"Fraud: detector # 2\""), tokens[^1]);
    }

    [Fact]
    public void A_key_without_a_value_opens_a_block()
    {
        Assert.Equal([new(YamlTokenKind.Key, "features"), new YamlToken(YamlTokenKind.Punctuation, ":")], YamlHighlighter.Line("features:"));
    }

    [Fact]
    public void The_tokens_of_every_line_put_together_are_the_document()
    {
        const string yaml = "apiVersion: modelops/v1\nkind: ModelMonitor\n# the model\nmodel:\n  id: fraud\n  name: 'Fraud detector'\nfeatures:\n- name: amount\n  type: numeric\n  drift: {method: psi, threshold: 0.2}\n\nrules: []\n";

        var lines = YamlHighlighter.Highlight(yaml);

        Assert.Equal(yaml.Split('\n'), lines.Select(line => string.Concat(line.Select(token => token.Text))));
    }
}
