using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>
/// The live state of the dashboard: every model by id, the active model, its latest log events, the fleet's alerts
/// and the connection state. Pure: it applies stream messages and REST answers and raises <see cref="Changed"/>; the
/// socket lives in <see cref="Services.LiveConnection"/>, the REST calls in <see cref="Services.RestBackfill"/> and
/// the components. A <c>model-update</c> arrives holding the model's whole history: the stream carries only new points,
/// and <see cref="ModelOpsStreamClient"/> merges them into the history it holds before the store sees the update.
/// </summary>
public sealed class DashboardStore
{
    private static readonly IComparer<ModelView> ByNameThenId = Comparer<ModelView>.Create(
        (left, right) => StringComparer.OrdinalIgnoreCase.Compare(left.Name, right.Name) is var byName and not 0
            ? byName
            : StringComparer.Ordinal.Compare(left.Id, right.Id));

    /// <summary>Log events kept of the active model: as many as <c>GET …/logs</c> returns at most.</summary>
    public const int LogCapacity = 200;

    public const int AlertCapacity = 200;

    private readonly Dictionary<string, ModelView> models = new(StringComparer.Ordinal);
    private readonly RecentLog logs = new(LogCapacity);
    private readonly FleetAlerts alerts = new(AlertCapacity);
    private IReadOnlyList<ModelView>? sortedModels;

    /// <summary>Raised after every update, with what it touched.</summary>
    public event Action<DashboardChange>? Changed;

    public ConnectionState Connection { get; private set; } = ConnectionState.Connecting;

    public IReadOnlyDictionary<string, ModelView> Models => models;

    /// <summary>Every model, sorted by name for the selector.</summary>
    public IReadOnlyList<ModelView> ModelsByName => sortedModels ??= [.. models.Values.Order(ByNameThenId)];

    public string? ActiveModelId { get; private set; }

    /// <summary>The active model, or null before the stream named one or while it is not in the list.</summary>
    public ModelView? ActiveModel => ActiveModelId is not null && models.TryGetValue(ActiveModelId, out var model) ? model : null;

    /// <summary>The active model's latest events, newest first: an immutable snapshot.</summary>
    public IReadOnlyList<InferenceEvent> Logs => logs.NewestFirst;

    /// <summary>How many <c>new-log</c> events of the active model arrived since it became active: what a paused log counts as new.</summary>
    public long LogsReceived { get; private set; }

    /// <summary>The fleet's alerts, newest first by start: an immutable snapshot.</summary>
    public IReadOnlyList<AlertView> Alerts => alerts.NewestFirst;

    public AlertView? FindAlert(string alertId) => alerts.Find(alertId);

    public void SetConnection(ConnectionState state)
    {
        if (state == Connection)
        {
            return;
        }
        Connection = state;
        Changed?.Invoke(DashboardChange.Connection);
    }

    public void Apply(StreamMessage message)
    {
        var change = message switch
        {
            InitialStateMessage initial => ApplyInitialState(initial.State),
            ModelUpdateMessage update => ApplyModelUpdate(update.Model),
            ActiveModelChangedMessage selected => ApplyActiveModel(selected.ModelId),
            ModelRemovedMessage removed => ApplyModelRemoved(removed.ModelId),
            NewLogMessage log => log.ModelId is null || log.ModelId == ActiveModelId ? ApplyLog(log.Event) : DashboardChange.None,
            NewAlertMessage alert => alerts.Apply([alert.Alert]) ? DashboardChange.Alerts : DashboardChange.None,
            _ => DashboardChange.None,
        };
        Raise(change);
    }

    /// <summary>Merges <paramref name="modelId"/>'s latest events fetched over REST; ignored when another model became active meanwhile.</summary>
    public void MergeLogs(string modelId, IEnumerable<InferenceEvent> latest)
    {
        if (modelId == ActiveModelId && logs.Merge(latest))
        {
            Raise(DashboardChange.Logs);
        }
    }

    /// <summary>Takes alerts fetched over REST or returned by acknowledge and resolve; a copy never replaces a newer one.</summary>
    public void ApplyAlerts(IEnumerable<AlertView> fetched)
    {
        if (alerts.Apply(fetched))
        {
            Raise(DashboardChange.Alerts);
        }
    }

    private void Raise(DashboardChange change)
    {
        if (change != DashboardChange.None)
        {
            Changed?.Invoke(change);
        }
    }

    private DashboardChange ApplyInitialState(InitialState state)
    {
        // A resync replaces everything: models deleted while disconnected must disappear.
        models.Clear();
        foreach (var model in state.Models)
        {
            models[model.Id] = model;
        }
        sortedModels = null;
        ActiveModelId = state.ActiveModelId;
        // Events missed while disconnected are not replayed: the log starts afresh and is refilled over REST.
        var change = DashboardChange.ModelList | DashboardChange.ActiveModelSelected | DashboardChange.ActiveModelUpdated | ClearLogs();
        return alerts.RemoveModelsOtherThan(models.Keys.ToHashSet(StringComparer.Ordinal)) ? change | DashboardChange.Alerts : change;
    }

    private DashboardChange ApplyModelUpdate(ModelView model)
    {
        models.TryGetValue(model.Id, out var previous);
        models[model.Id] = model;
        var change = DashboardChange.None;
        if (previous is null || previous.Name != model.Name || previous.Version != model.Version || previous.Status != model.Status)
        {
            sortedModels = null;
            change |= DashboardChange.ModelList;
        }
        if (model.Id == ActiveModelId)
        {
            change |= DashboardChange.ActiveModelUpdated;
        }
        return change;
    }

    private DashboardChange ApplyModelRemoved(string modelId)
    {
        if (!models.Remove(modelId))
        {
            return DashboardChange.None;
        }
        sortedModels = null;
        var change = alerts.RemoveModel(modelId) ? DashboardChange.ModelList | DashboardChange.Alerts : DashboardChange.ModelList;
        // The active id stays until the server names another model: choosing one is the server's call, not the client's.
        return modelId == ActiveModelId ? change | DashboardChange.ActiveModelUpdated : change;
    }

    private DashboardChange ApplyActiveModel(string modelId)
    {
        if (modelId == ActiveModelId)
        {
            return DashboardChange.None;
        }
        ActiveModelId = modelId;
        return DashboardChange.ActiveModelSelected | ClearLogs();
    }

    private DashboardChange ApplyLog(InferenceEvent e)
    {
        if (!logs.Add(e))
        {
            return DashboardChange.None;
        }
        LogsReceived++;
        return DashboardChange.Logs;
    }

    private DashboardChange ClearLogs()
    {
        if (logs.NewestFirst.Count == 0 && LogsReceived == 0)
        {
            return DashboardChange.None;
        }
        logs.Clear();
        LogsReceived = 0;
        return DashboardChange.Logs;
    }
}
