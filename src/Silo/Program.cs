using ModelOps.Api;
using ModelOps.Silo.Hosting;
using ModelOps.Silo.Simulation;

var builder = WebApplication.CreateBuilder(args);
builder.AddModelOpsSilo();
builder.Services.AddModelOpsApi();
builder.Services.AddDemoSimulator();

var app = builder.Build();
app.UseModelOpsApi();
app.MapDashboard();
app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
