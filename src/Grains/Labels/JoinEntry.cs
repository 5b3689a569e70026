using System.Runtime.InteropServices;

namespace ModelOps.Grains.Labels;

/// <summary>
/// What the join store keeps of one event, in 32 bytes: the hash of its id, its second, its prediction, its score and
/// its label. Classes are <see cref="ClassCatalog"/> indices, so one layout holds both tasks.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct JoinEntry
{
    public const int Size = 32;

    /// <summary>64-bit XXH3 of the event id's UTF-8 bytes (<see cref="JoinKeys"/>).</summary>
    public ulong Key;

    /// <summary>The event's second, Unix time (good until 2106).</summary>
    public uint Second;

    /// <summary>The event's score; NaN when it sent none.</summary>
    public float Score;

    /// <summary>The predicted class index or value.</summary>
    public double Prediction;

    /// <summary>The label's class index or value; NaN while the event is unlabelled.</summary>
    public double Label;

    public readonly bool Labelled => !double.IsNaN(Label);
}
