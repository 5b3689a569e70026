using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;
using ModelOps.Grains.Ingest;
using ModelOps.Grains.Labels;
using Orleans.Concurrency;
using Orleans.Storage;

namespace ModelOps.Grains.Models;

/// <summary>
/// Delayed labels: the join store of the model's events by id (<see cref="LabelJoin"/>), persisted page by page
/// (<see cref="LabelPages"/>) at the checkpoints. A joined label counts in the window bucket and the history minute of
/// its event's second, wherever they still are, never in the second it arrived.
/// </summary>
public sealed partial class ModelGrain
{
    private LabelJoin labels = null!;
    private LabelPages labelPages = null!;
    private bool labelsChanged;

    /// <summary>The model's class names and positive class, which its label metrics are read with.</summary>
    private Scoring Scoring => new(labels.Classes, definition.State.Task == ModelTask.Classification && definition.State.PositiveClass is { } positive
        ? labels.Classes.IndexOf(positive)
        : -1);

    public Task<LabelResult> Label(Immutable<IReadOnlyList<DelayedLabel>> batch)
    {
        EnsureDefined();
        var now = clock.GetUtcNow();
        LabelValidator.Validate(batch.Value, definition.State.Task, now);
        var (matched, unmatched, duplicate) = (0, 0, 0);
        foreach (var label in batch.Value)
        {
            switch (JoinLabel(label.Id!, label.Label, (label.Timestamp ?? now).ToUnixTimeSeconds()))
            {
                case JoinOutcome.Matched:
                    matched++;
                    break;
                case JoinOutcome.Replaced:
                    duplicate++;
                    break;
                default:
                    unmatched++;
                    break;
            }
        }
        labelsChanged = true;
        checkpoints.Changed();
        changedSincePublish = true;
        return Task.FromResult(new LabelResult(matched, unmatched, duplicate));
    }

    /// <summary>Joins a label (none: a repeated event without one) to the held event of <paramref name="id"/> and counts it where its event counts.</summary>
    private JoinOutcome JoinLabel(string id, ScalarValue? label, long labelSecond)
    {
        if (label is not { Kind: not ScalarKind.Missing } value)
        {
            return labels.Holds(id) ? JoinOutcome.Replaced : JoinOutcome.Unmatched;
        }
        var task = definition.State.Task;
        var joined = labels.Join(id, value, labelSecond, task, definition.State.PositiveClass);
        labelsChanged = true;
        if (joined.Outcome == JoinOutcome.Replaced)
        {
            CountLabel(joined.Second, joined.Previous, -1);
        }
        if (joined.Outcome != JoinOutcome.Unmatched)
        {
            CountLabel(joined.Second, joined.Label, 1);
        }
        return joined.Outcome;
    }

    private void CountLabel(long second, in Judgement judgement, int sign)
    {
        var inWindow = window.ApplyLabel(second, judgement, sign);
        var inHistory = minuteHistory.ApplyLabel(second, judgement, sign, definition.State.Task);
        if (inWindow)
        {
            broadcast.Revised(second);
        }
        if (inWindow || inHistory)
        {
            checkpoints.Changed();
        }
    }

    private async Task LoadLabels()
    {
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(Names.Storage);
        labelPages = new LabelPages(storage, this.GetGrainId(), labelState);
        var store = new LabelJoinStore(labelOptions.Value.MaxPending);
        await labelPages.LoadAsync(store);
        labels = new LabelJoin(labelState.State, store);
    }

    private void ExpireLabels(DateTimeOffset now)
    {
        var before = labels.Store.Evicted;
        labels.Expire((now - labelOptions.Value.Retention).ToUnixTimeSeconds());
        if (labels.Store.Evicted != before)
        {
            labelsChanged = true;
            checkpoints.Changed();
        }
    }

    /// <summary>Writes the join store's changed pages and its manifest, before the window's checkpoint so a durable ingest covers both.</summary>
    private async Task WriteLabels()
    {
        if (labelsChanged || labels.Classes.TakeChanged())
        {
            labelsChanged = false;
            await labelPages.WriteAsync(labels.Store);
        }
    }
}
