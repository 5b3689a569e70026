namespace ModelOps.Grains.Alerting.Lifecycle;

/// <summary>
/// Where one rule stands: since when its condition has held or has been false without a break, and its open alert.
/// Ids are part of the storage contract: never reuse or renumber.
/// </summary>
[GenerateSerializer, Alias("ModelOps.RuleTracker")]
public sealed class RuleTracker
{
    /// <summary>The first evaluation of the current unbroken run of true conditions; null while false.</summary>
    [Id(0)] public DateTimeOffset? TrueSince { get; set; }

    /// <summary>The first evaluation of the current unbroken run of false conditions while an alert fires; null otherwise.</summary>
    [Id(1)] public DateTimeOffset? FalseSince { get; set; }

    /// <summary>The sequence of the rule's pending or firing alert; null when it has none.</summary>
    [Id(2)] public long? OpenSequence { get; set; }

    /// <summary>Forgets the run and the alert, so a condition still true starts a new alert.</summary>
    public void Reset()
    {
        TrueSince = FalseSince = null;
        OpenSequence = null;
    }
}
