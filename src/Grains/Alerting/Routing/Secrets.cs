namespace ModelOps.Grains.Alerting.Routing;

/// <summary>Secrets and routing keys are shown masked: all but the last four characters hidden.</summary>
public static class Secrets
{
    private const string Mask = "••••";

    public static string? Masked(string? secret) => secret switch
    {
        null or "" => secret,
        { Length: <= 8 } => Mask,
        _ => Mask + secret[^4..],
    };

    /// <summary>The value to store: a masked text sent back unchanged keeps the stored secret.</summary>
    public static string? Keep(string? incoming, string? stored) =>
        incoming is not null && stored is not null && incoming == Masked(stored) ? stored : incoming;
}
