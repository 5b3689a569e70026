using ModelOps.Contracts;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Pages;

/// <summary>The active model at a glance: its headline metrics from the live stream.</summary>
public partial class Overview : LiveComponent
{
    protected override DashboardChange RedrawOn => DashboardChange.ActiveModelSelected | DashboardChange.ActiveModelUpdated;

    private ModelView? Model { get; set; }

    private IReadOnlyList<KpiCardModel> Cards { get; set; } = [];

    protected override void ReadStore()
    {
        Model = Store.ActiveModel;
        Cards = Model is null ? [] : KpiCardModel.For(Model);
    }

    private static string TaskText(ModelTask task) => task == ModelTask.Regression ? "regression" : "classification";
}
