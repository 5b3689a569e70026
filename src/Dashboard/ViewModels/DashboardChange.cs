namespace ModelOps.Dashboard.ViewModels;

/// <summary>What a store update touched, so each component redraws only for what it shows.</summary>
[Flags]
public enum DashboardChange
{
    None = 0,

    /// <summary>The connection state changed.</summary>
    Connection = 1,

    /// <summary>A model was added or removed, or its name, version or status changed.</summary>
    ModelList = 2,

    /// <summary>Another model became active.</summary>
    ActiveModelSelected = 4,

    /// <summary>The active model's definition or metrics changed.</summary>
    ActiveModelUpdated = 8,

    /// <summary>The active model's log changed: events arrived, or it was cleared or refilled for another model.</summary>
    Logs = 16,

    /// <summary>An alert of any model arrived, changed or was dropped.</summary>
    Alerts = 32,
}
