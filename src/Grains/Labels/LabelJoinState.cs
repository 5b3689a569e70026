using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Labels;

/// <summary>
/// The manifest of a model's join store: which sequences its pages hold, its class catalog and its counters. The events
/// themselves are in <see cref="LabelPage"/>s, one stored state each. Ids are part of the storage contract: never reuse
/// or renumber.
/// </summary>
[GenerateSerializer, Alias("ModelOps.LabelJoinState")]
public sealed class LabelJoinState
{
    [Id(0)] public long Head { get; set; }
    [Id(1)] public long Next { get; set; }
    [Id(2)] public List<string> Classes { get; set; } = [];
    [Id(3)] public long Matched { get; set; }
    [Id(4)] public long Unmatched { get; set; }
    [Id(5)] public long Duplicate { get; set; }

    /// <summary>Seconds from event to label, of every first label matched.</summary>
    [Id(6)] public QuantileSketch Delay { get; set; } = new();
}

/// <summary><see cref="LabelJoinStore.PageSize"/> join entries as their bytes (<see cref="JoinEntry"/> layout). Ids are part of the storage contract.</summary>
[GenerateSerializer, Alias("ModelOps.LabelPage")]
public sealed class LabelPage
{
    [Id(0)] public byte[] Entries { get; set; } = [];
}
