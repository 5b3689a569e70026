using ModelOps.Contracts;
using ModelOps.Grains.Drift.Summaries;
using ModelOps.Grains.Drift.Window;

namespace ModelOps.Grains.Drift;

/// <summary>Persisted drift state of a model. Ids are part of the storage contract: never reuse or renumber.</summary>
[GenerateSerializer, Alias("ModelOps.DriftState")]
public sealed class DriftState
{
    [Id(0)] public BaselineProfile? Baseline { get; set; }
    [Id(1)] public BaselineSummary? Info { get; set; }
    [Id(2)] public DriftWindow? Window { get; set; }

    /// <summary>Feature rows of the first events, kept until there are enough for an automatic baseline.</summary>
    [Id(3)] public List<Dictionary<string, ScalarValue>> PendingRows { get; set; } = [];

    /// <summary>The checkpoint that last wrote this state whole (see <c>ModelOps.Grains.Models.WindowLog</c>).</summary>
    [Id(4)] public long Sequence { get; set; }
}
