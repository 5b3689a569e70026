using Microsoft.Extensions.Options;

namespace ModelOps.Silo.Hosting;

/// <summary>Tells a bad setting, which stops the process at start, from a fault, and words it for the operator.</summary>
public static class StartupFailure
{
    /// <summary>The settings at fault, each naming its key; null for any other exception.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        // The configuration binder's "Failed to convert configuration value 'x' at 'ModelOps:Window' to type …".
        InvalidOperationException { InnerException: not null } unconvertible when unconvertible.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            unconvertible.Message,
        AggregateException many when many.InnerExceptions.Select(Describe).ToArray() is { } described && described.All(text => text is not null) =>
            string.Join(" ", described),
        _ => null,
    };
}
