using ModelOps.Dashboard.Controls;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.Services;
using ModelOps.Dashboard.ViewModels;
using Microsoft.Extensions.DependencyInjection;

namespace ModelOps.Dashboard.Tests.Controls;

public sealed class ConnectionStatusTests : DashboardTestContext
{
    [Fact]
    public void Shows_Connecting_before_the_stream_has_opened()
    {
        var status = Render<ConnectionStatus>();

        Assert.Equal("Connecting", StatusText(status));
    }

    [Fact]
    public async Task Follows_the_connection_state_of_the_store()
    {
        var status = Render<ConnectionStatus>();

        await SetConnectionAsync(ConnectionState.Connected);
        var afterConnect = StatusText(status);
        Time.Advance(LiveComponent.MinimumRedrawInterval);
        await SetConnectionAsync(ConnectionState.Disconnected);

        Assert.Equal("Connected", afterConnect);
        Assert.Equal("Reconnecting…", StatusText(status));
    }

    [Fact]
    public async Task Shows_Connected_once_the_live_connection_has_opened_the_stream()
    {
        var status = Render<ConnectionStatus>();
        Services.GetRequiredService<LiveConnection>().Start();

        (await Connector.NextAttemptAsync()).Accept();

        status.WaitForAssertion(() => Assert.Equal("Connected", StatusText(status)));
    }

    private static string StatusText(IRenderedComponent<ConnectionStatus> status) =>
        status.Find("[data-testid=connection-status]").TextContent;
}
