namespace ModelOps.Grains.Drift.Window;

/// <summary>How much of each feature a drift report carries.</summary>
public enum DriftReportDetail
{
    /// <summary>Every applicable score and both distributions, as <c>GET /drift</c> shows them.</summary>
    Full,

    /// <summary>
    /// The selected method's verdict (method, threshold, score, drifted; its own entries in <c>scores</c>), the null
    /// shares and the dataset verdict, which are the same as in <see cref="Full"/>; no other score, no distribution.
    /// What the drift tick's summary, the alert rules and a retraining request read, at a fraction of the cost.
    /// </summary>
    Verdicts,
}
