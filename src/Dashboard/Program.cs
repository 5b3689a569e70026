using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using ModelOps.Dashboard;
using ModelOps.Dashboard.Services;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// The API host serves the dashboard at its root, so the stream is on the same origin.
builder.Services.AddDashboard(new Uri(builder.HostEnvironment.BaseAddress));

var host = builder.Build();
// Who is signed in is known before the first render, so the page shows only what the role may do. Without a session the
// layout goes to the sign-in page, and nothing connects until signing in loads the dashboard afresh.
var session = host.Services.GetRequiredService<SessionKeeper>();
if (await session.LoadAsync())
{
    host.Services.GetRequiredService<RestBackfill>().Start();
    host.Services.GetRequiredService<LiveConnection>().Start();
    session.Watch();
}
await host.RunAsync();
