using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>
/// The dashboard's own connection to the live stream: Connecting, Connected, or Reconnecting… once it is lost (the retry
/// is already scheduled when the state is shown, and the page keeps its last view meanwhile).
/// </summary>
public partial class ConnectionStatus : LiveComponent
{
    protected override DashboardChange RedrawOn => DashboardChange.Connection;

    private ConnectionState State { get; set; }

    private string Label => State switch
    {
        ConnectionState.Connected => "Connected",
        ConnectionState.Disconnected => "Reconnecting…",
        _ => "Connecting",
    };

    private string Icon => State switch
    {
        ConnectionState.Connected => "cloud_done",
        ConnectionState.Disconnected => "cloud_off",
        _ => "sync",
    };

    private string CssClass => State switch
    {
        ConnectionState.Connected => "connection-connected",
        ConnectionState.Disconnected => "connection-disconnected",
        _ => "connection-connecting",
    };

    protected override void ReadStore() => State = Store.Connection;
}
