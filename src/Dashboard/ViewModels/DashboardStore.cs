using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>
/// The live state of the dashboard: every model by id, the active model and the connection state.
/// Pure: it applies stream messages and raises <see cref="Changed"/>; the socket lives in <see cref="Services.LiveConnection"/>.
/// </summary>
public sealed class DashboardStore
{
    private static readonly IComparer<ModelView> ByNameThenId = Comparer<ModelView>.Create(
        (left, right) => StringComparer.OrdinalIgnoreCase.Compare(left.Name, right.Name) is var byName and not 0
            ? byName
            : StringComparer.Ordinal.Compare(left.Id, right.Id));

    private readonly Dictionary<string, ModelView> models = new(StringComparer.Ordinal);
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
            _ => DashboardChange.None,
        };
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
        return DashboardChange.ModelList | DashboardChange.ActiveModelSelected | DashboardChange.ActiveModelUpdated;
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
        // The active id stays until the server names another model: choosing one is the server's call, not the client's.
        return modelId == ActiveModelId ? DashboardChange.ModelList | DashboardChange.ActiveModelUpdated : DashboardChange.ModelList;
    }

    private DashboardChange ApplyActiveModel(string modelId)
    {
        if (modelId == ActiveModelId)
        {
            return DashboardChange.None;
        }
        ActiveModelId = modelId;
        return DashboardChange.ActiveModelSelected;
    }
}
