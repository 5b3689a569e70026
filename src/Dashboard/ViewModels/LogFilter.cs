namespace ModelOps.Dashboard.ViewModels;

/// <summary>Which log lines to show by outcome.</summary>
public enum OutcomeFilter
{
    All,
    Correct,
    Incorrect,
}

/// <summary>
/// What the inference log shows: lines of one outcome, and with <see cref="SlowOnly"/> only those slower than
/// <see cref="SlowerThanMs"/> — none while there is no threshold, rather than all of them.
/// </summary>
public sealed record LogFilter(OutcomeFilter Outcome = OutcomeFilter.All, bool SlowOnly = false, double? SlowerThanMs = null)
{
    public bool Matches(LogRow row) =>
        Outcome switch
        {
            OutcomeFilter.Correct => row.Outcome == LogOutcome.Correct,
            OutcomeFilter.Incorrect => row.Outcome == LogOutcome.Incorrect,
            _ => true,
        }
        && (!SlowOnly || (SlowerThanMs is { } threshold && row.LatencyMs > threshold));
}
