using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ModelOps.Contracts;
using ModelOps.Dashboard.Services;
using ModelOps.Dashboard.Tests.Fakes;
using ModelOps.Dashboard.ViewModels;
using Radzen;
using Radzen.Blazor.Rendering;

namespace ModelOps.Dashboard.Tests;

/// <summary>A bUnit context with the dashboard's services, a store driven by the test, and a clock that moves only when told.</summary>
public abstract class DashboardTestContext : BunitContext
{
    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Radzen charts measure their container before drawing; a fixed size stands in for the browser's layout.
        JSInterop.Setup<Rect>("Radzen.createChart", _ => true).SetResult(new Rect { Width = 560, Height = 240 });
        Services.AddRadzenComponents();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(Store);
        Services.AddSingleton<IStreamConnector>(Connector);
        Services.AddSingleton<LiveConnection>(provider => new LiveConnection(Connector, Store, Time, NullLogger<LiveConnection>.Instance));
        // Components that may call REST (the model picker's search) resolve a client; port 9 (discard) refuses, so a
        // test that never answers for REST fails fast. ApiTestContext replaces it with a loopback API the test answers for.
        Services.AddSingleton(new ModelOpsClient(new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/") }));
        Services.AddSingleton(Session);
        // Unless a test signs in otherwise, the dashboard runs as it does on a laptop: loopback access stands in for an admin key.
        Session.SignedIn(Anonymous);
    }

    /// <summary>The session of anonymous loopback access, as <c>GET /api/v1/session</c> answers it.</summary>
    public static readonly SessionView Anonymous = new() { Name = "loopback", Role = ApiRole.Admin, Models = ["*"], Anonymous = true };

    protected SessionState Session { get; } = new();

    /// <summary>Signs the dashboard in as a key named <paramref name="name"/> with <paramref name="role"/>, before the component renders.</summary>
    protected void SignInAs(ApiRole role, string name = "alice") =>
        Session.SignedIn(new SessionView { Name = name, Role = role, Models = ["*"], Anonymous = false });

    protected FakeTimeProvider Time { get; } = new(TestModels.Now);

    protected DashboardStore Store { get; } = new();

    internal FakeStreamConnector Connector { get; } = new();

    /// <summary>Applies a message on the renderer's dispatcher, as the live connection does on the browser's one thread.</summary>
    protected Task ReceiveAsync(StreamMessage message) => Renderer.Dispatcher.InvokeAsync(() => Store.Apply(message));

    protected Task SetConnectionAsync(ConnectionState state) => Renderer.Dispatcher.InvokeAsync(() => Store.SetConnection(state));
}
