using Microsoft.Extensions.Options;
using ModelOps.Silo.Simulation;

namespace ModelOps.Silo.Hosting;

/// <summary>
/// One line at start that says how this process runs (mode, role, ports, state, simulator, telemetry); the listen
/// addresses follow from the host's own "Now listening on" lines.
/// </summary>
public sealed partial class StartupLog(
    IOptions<SiloOptions> silo,
    IOptions<SimulatorOptions> simulator,
    IConfiguration configuration,
    ILogger<StartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var otlp = TelemetryHosting.OtlpEnabled(configuration) ? $"OTLP to {configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]}" : "no OTLP";
        LogStarted(typeof(StartupLog).Assembly.GetName().Version?.ToString(3) ?? "?", silo.Value.SiloPort, silo.Value.GatewayPort,
            Path.GetFullPath(silo.Value.DataDir), simulator.Value.Enabled ? "on" : "off", otlp);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "ModelOps Vision {Version}: embedded mode (one silo, localhost clustering), role all; silo port {SiloPort}, gateway port {GatewayPort}; state in {DataDir}; demo simulator {Simulator}; metrics at /metrics, {Otlp}")]
    private partial void LogStarted(string version, int siloPort, int gatewayPort, string dataDir, string simulator, string otlp);
}
