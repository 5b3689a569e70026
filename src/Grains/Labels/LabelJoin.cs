using ModelOps.Contracts;

namespace ModelOps.Grains.Labels;

/// <summary>How a delayed label met the join store.</summary>
public enum JoinOutcome : byte
{
    /// <summary>The id is not held: never seen, or fallen out of the store.</summary>
    Unmatched,

    /// <summary>The event's first label.</summary>
    Matched,

    /// <summary>The event had a label: <see cref="JoinResult.Previous"/> is taken back and the new one counted.</summary>
    Replaced,
}

/// <param name="Outcome">How the label met the store.</param>
/// <param name="Second">The second of the original event, where the label counts.</param>
/// <param name="Label">The judgement of the new label.</param>
/// <param name="Previous">The judgement of the label it replaced (<see cref="JoinOutcome.Replaced"/> only).</param>
public readonly record struct JoinResult(JoinOutcome Outcome, long Second, Judgement Label, Judgement Previous);

/// <summary>
/// Joins a model's labels to its events by id: remembers each event with an id in the <see cref="LabelJoinStore"/>,
/// judges labels against the remembered prediction and score, and keeps the counters of <c>labelJoin</c>. Which bucket a
/// judgement counts in is the grain's business; this class only says which second.
/// </summary>
public sealed class LabelJoin(LabelJoinState state, LabelJoinStore store)
{
    public ClassCatalog Classes { get; } = new(state.Classes);

    public LabelJoinStore Store => store;

    public LabelJoinState State => state;

    /// <summary>The event with this id is held (so a new one with the id is a duplicate).</summary>
    public bool Holds(string id) => store.Find(JoinKeys.Of(id)) >= 0;

    /// <summary>The judgement of an event labelled on arrival; null for an unlabelled one.</summary>
    public Judgement? Judge(InferenceEvent e, ModelTask task, string? positiveClass)
    {
        if (e.Label is not { Kind: not ScalarKind.Missing } label)
        {
            return null;
        }
        var entry = EntryOf(e, task, 0);
        entry.Label = task == ModelTask.Classification ? Classes.IndexOf(label) : label.Number;
        return JudgementOf(entry, task, positiveClass);
    }

    /// <summary>Holds a validated event with an id, not held yet, so its label can join it later.</summary>
    public void Remember(InferenceEvent e, long second, ModelTask task)
    {
        var entry = EntryOf(e, task, second);
        entry.Key = JoinKeys.Of(e.Id!);
        if (e.Label is { Kind: not ScalarKind.Missing } label)
        {
            entry.Label = task == ModelTask.Classification ? Classes.IndexOf(label) : label.Number;
        }
        store.Add(entry);
    }

    /// <summary>Joins one validated label; a label for a labelled event replaces its label.</summary>
    /// <param name="id">The event's id.</param>
    /// <param name="label">The class or value.</param>
    /// <param name="labelSecond">When the label became known, for the label delay.</param>
    /// <param name="task">The model's task.</param>
    /// <param name="positiveClass">The definition's positive class; null for multi-class.</param>
    public JoinResult Join(string id, ScalarValue label, long labelSecond, ModelTask task, string? positiveClass)
    {
        var sequence = store.Find(JoinKeys.Of(id));
        if (sequence < 0)
        {
            state.Unmatched++;
            return new(JoinOutcome.Unmatched, 0, default, default);
        }
        var entry = store[sequence];
        var previous = entry.Labelled ? JudgementOf(entry, task, positiveClass) : default;
        var outcome = entry.Labelled ? JoinOutcome.Replaced : JoinOutcome.Matched;
        entry.Label = task == ModelTask.Classification ? Classes.IndexOf(label) : label.Number;
        store.SetLabel(sequence, entry.Label);
        if (outcome == JoinOutcome.Matched)
        {
            state.Matched++;
            state.Delay.Add(Math.Max(0, labelSecond - entry.Second));
        }
        else
        {
            state.Duplicate++;
        }
        return new(outcome, entry.Second, JudgementOf(entry, task, positiveClass), previous);
    }

    /// <summary>Evicts the events older than <paramref name="oldestSecond"/>.</summary>
    public void Expire(long oldestSecond) => store.Expire(oldestSecond);

    /// <summary>The <c>labelJoin</c> of the metrics.</summary>
    public LabelJoinStats Stats()
    {
        Span<double> median = [0.5];
        Span<double?> value = stackalloc double?[1];
        state.Delay.Quantiles(median, value);
        return new LabelJoinStats(state.Matched, state.Unmatched, state.Duplicate, store.Pending, store.Count, value[0]);
    }

    private JoinEntry EntryOf(InferenceEvent e, ModelTask task, long second) => new()
    {
        Second = (uint)Math.Clamp(second, 0, uint.MaxValue),
        Score = e.Score is { } score ? (float)score : float.NaN,
        Prediction = task == ModelTask.Classification ? Classes.IndexOf(e.Prediction!.Value) : e.Prediction!.Value.Number,
        Label = double.NaN,
    };

    private Judgement JudgementOf(in JoinEntry entry, ModelTask task, string? positiveClass) => task == ModelTask.Classification
        ? Judgement.Classify((int)entry.Prediction, (int)entry.Label, entry.Score, positiveClass is null ? -1 : Classes.IndexOf(ScalarValue.Of(positiveClass)))
        : Judgement.Regress(entry.Prediction, entry.Label);
}
