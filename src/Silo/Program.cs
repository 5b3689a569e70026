using ModelOps.Api;
using ModelOps.Api.Security;
using ModelOps.Silo.Hosting;
using ModelOps.Silo.Simulation;

// The content root is the application's own directory, so appsettings.json and the dashboard's files are found
// whatever directory the published DLL is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var role = builder.AddModelOpsHost();
if (role.ServesApi)
{
    builder.Services.AddModelOpsApi();
    builder.Services.AddDemoSimulator();
}
builder.AddModelOpsTelemetry();

var app = builder.Build();
app.UseModelOpsHostFilter();
if (role.ServesApi)
{
    app.UseDashboardRoutes();
}
app.UseRouting();
app.UseEdgeMetrics();
if (role.ServesApi)
{
    app.UseModelOpsApi();
}
else
{
    app.MapModelOpsHealthChecks();
}
app.MapModelOpsMetrics();
if (role.ServesApi)
{
    app.MapDashboard();
}
try
{
    app.Run();
    return 0;
}
catch (Exception exception) when (StartupFailure.Describe(exception) is { } badSettings)
{
    // Disposing the host flushes the console logger's queue first, so this line is the last one an operator reads.
    await app.DisposeAsync();
    await Console.Error.WriteLineAsync($"ModelOps Vision did not start: {badSettings}");
    return 2;
}

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
