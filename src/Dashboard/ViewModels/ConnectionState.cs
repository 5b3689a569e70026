namespace ModelOps.Dashboard.ViewModels;

/// <summary>The dashboard's own connection to the live stream, as shown in the header.</summary>
public enum ConnectionState
{
    Connecting,
    Connected,
    Disconnected,
}
