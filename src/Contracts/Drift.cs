namespace ModelOps.Contracts;

/// <summary><c>GET /api/v1/models/{id}/drift</c>: every feature's current distribution against the baseline.</summary>
public sealed record DriftReport
{
    public DateTimeOffset ComputedAt { get; init; }

    /// <summary>The compared range of the drift window and how many events it holds.</summary>
    public required DriftRange Window { get; init; }

    /// <summary>The reference data; null while no baseline exists yet.</summary>
    public BaselineSummary? Baseline { get; init; }

    /// <summary>Why nothing could be compared, when that is the case (no baseline yet, no events in the range).</summary>
    public string? Message { get; init; }

    public bool DatasetDrift { get; init; }
    public double DriftShare { get; init; }
    public double DriftShareThreshold { get; init; }
    public IReadOnlyList<FeatureDriftView> Features { get; init; } = [];
}

public sealed record DriftRange(DateTimeOffset From, DateTimeOffset To, long Count);

/// <summary>The baseline: how many rows, from an upload or the model's first events (<c>auto</c>), and when.</summary>
public sealed record BaselineSummary(long Count, string Source, DateTimeOffset CreatedAt);

/// <summary>Bin edges (ascending) and counts: under-flow, one per bin between consecutive edges, over-flow.</summary>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<long> Counts);

/// <summary>One feature's drift: the selected method and its verdict, every applicable score, and both distributions.</summary>
public sealed record FeatureDriftView
{
    public required string Name { get; init; }
    public FeatureType Type { get; init; }

    /// <summary><c>ks</c>, <c>wasserstein</c>, <c>psi</c>, <c>jensenShannon</c>, <c>hellinger</c>, <c>chiSquare</c> or <c>zTest</c>.</summary>
    public required string Method { get; init; }
    public double Threshold { get; init; }

    /// <summary>The p-value (tests) or distance (the others) of <c>method</c>; null when the range holds no value of this feature.</summary>
    public double? Score { get; init; }
    public bool Drifted { get; init; }

    /// <summary>Share of missing values in the compared range, and in the baseline.</summary>
    public double? NullShare { get; init; }
    public double BaselineNullShare { get; init; }

    /// <summary>The null share rose by more than the allowed increase: drift of its own.</summary>
    public bool NullShareDrift { get; init; }

    /// <summary>Every statistic that applies to the feature's type, so a user can compare views.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();

    /// <summary>Numeric features: both histograms over the baseline's bins.</summary>
    public Histogram? BaselineHistogram { get; init; }
    public Histogram? CurrentHistogram { get; init; }

    /// <summary>Categorical and discrete features: counts per category (baseline categories, other, new ones).</summary>
    public IReadOnlyDictionary<string, long>? BaselineCounts { get; init; }
    public IReadOnlyDictionary<string, long>? CurrentCounts { get; init; }

    /// <summary>Categories the baseline never held, seen in the compared range.</summary>
    public IReadOnlyList<string> NewCategories { get; init; } = [];
}
