using System.ComponentModel.DataAnnotations;
using ModelOps.Api.AI;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Insights;

/// <summary>Which provider is in effect, and the settings refused at start.</summary>
public sealed class AiOptionsTests
{
    [Theory]
    [InlineData(null, null, InsightProviders.Builtin)]
    [InlineData(null, "key", InsightProviders.Gemini)]
    [InlineData("builtin", "key", InsightProviders.Builtin)]
    [InlineData("gemini", "key", InsightProviders.Gemini)]
    public void Gemini_is_the_default_only_when_a_key_is_present(string? provider, string? key, string effective) =>
        Assert.Equal(effective, new AiOptions { Provider = provider, ApiKey = key }.EffectiveProvider);

    [Fact]
    public void The_defaults_are_gemini_flash_on_gemini_s_openai_compatible_endpoint_with_a_30_second_timeout()
    {
        var options = new AiOptions();

        Assert.Equal(("gemini-2.5-flash", "https://generativelanguage.googleapis.com/v1beta/openai/", TimeSpan.FromSeconds(30), 3),
            (options.Model, options.Endpoint, options.Timeout, options.MaxRetries));
        Assert.Empty(Errors(options));
    }

    [Fact]
    public void Bad_settings_are_refused_naming_the_key()
    {
        Assert.Equal(["ModelOps:AI:Provider must be builtin or gemini, not 'openai'."], Errors(new AiOptions { Provider = "openai" }));
        Assert.Equal(["ModelOps:AI:Provider is gemini but there is no key: set ModelOps:AI:ApiKey or the GEMINI_API_KEY environment variable."],
            Errors(new AiOptions { Provider = "gemini" }));
        Assert.Equal(["ModelOps:AI:Endpoint must be an absolute http or https URL."], Errors(new AiOptions { Endpoint = "generativelanguage" }));
        Assert.Equal(["ModelOps:AI:Timeout must be between 00:00:01 and 00:10:00."], Errors(new AiOptions { Timeout = TimeSpan.Zero }));
    }

    private static string[] Errors(AiOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(result => result.ErrorMessage!).ToArray();
    }
}
