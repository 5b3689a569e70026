using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>What a channel's row says after "send test": delivered or not, in words.</summary>
public sealed record ChannelTestOutcome(bool Delivered, string Text)
{
    public static ChannelTestOutcome From(ChannelTestResult result) => result switch
    {
        { Delivered: true } => new(true, $"Test delivered (HTTP {result.Status})."),
        { Error: { } error } => new(false, $"Test not delivered: {error}"),
        _ => new(false, $"Test not delivered (HTTP {result.Status?.ToString() ?? "no answer"})."),
    };
}
