using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>
/// When the drift panel asks for a new report. The model's snapshot arrives every tick but its drift summary only
/// changes when the server re-evaluates drift, so a report is fetched when the active model changes, when its summary
/// differs from the one last fetched for, when the last fetch failed, and otherwise at most every
/// <see cref="RefreshInterval"/> so that the scores follow the moving window.
/// </summary>
public sealed class DriftRefreshPolicy(TimeProvider time)
{
    /// <summary>The server re-evaluates the drift summary this often (<c>ModelOps:DriftInterval</c>).</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private string? modelId;
    private DriftSummary? summary;
    private long requestedAt;
    private bool retry;

    /// <summary>Whether to fetch the report of <paramref name="activeModelId"/> now; a yes counts as the fetch made.</summary>
    public bool ShouldFetch(string activeModelId, DriftSummary? activeSummary)
    {
        var due = retry
            || activeModelId != modelId
            || !SameSummary(activeSummary, summary)
            || time.GetElapsedTime(requestedAt) >= RefreshInterval;
        if (due)
        {
            modelId = activeModelId;
            summary = activeSummary;
            requestedAt = time.GetTimestamp();
            retry = false;
        }
        return due;
    }

    /// <summary>The last fetch failed: the next change of the model asks again.</summary>
    public void Failed() => retry = true;

    // DriftSummary is a record, but its feature list compares by reference.
    private static bool SameSummary(DriftSummary? left, DriftSummary? right) =>
        ReferenceEquals(left, right)
        || left is not null && right is not null
            && left.DatasetDrift == right.DatasetDrift
            && left.DriftShare.Equals(right.DriftShare)
            && left.DriftedFeatures.SequenceEqual(right.DriftedFeatures, StringComparer.Ordinal);
}
