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
host.Services.GetRequiredService<RestBackfill>().Start();
host.Services.GetRequiredService<LiveConnection>().Start();
await host.RunAsync();
