using Microsoft.Extensions.Options;
using ModelOps.Grains.Hosting;
using ModelOps.Silo.Simulation;

namespace ModelOps.Silo.Hosting;

/// <summary>
/// One line at start that says how this process runs (mode, role, ports, state, simulator, telemetry); the listen
/// addresses follow from the host's own "Now listening on" lines.
/// </summary>
public sealed partial class StartupLog(
    IOptions<SiloOptions> silo,
    IOptions<ClusterSettings> cluster,
    IOptions<SimulatorOptions> simulator,
    IConfiguration configuration,
    ILogger<StartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var otlp = TelemetryHosting.OtlpEnabled(configuration) ? $"OTLP to {configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]}" : "no OTLP";
        var role = HostRole.Of(configuration);
        var version = typeof(StartupLog).Assembly.GetName().Version?.ToString(3) ?? "?";
        var demo = !role.ServesApi ? "off (no API on this node)" : simulator.Value.Enabled ? "on" : "off";
        var ports = role.HostsGrains ? $"silo port {silo.Value.SiloPort}, gateway port {silo.Value.GatewayPort}" : "an Orleans client (no silo)";
        if (cluster.Value.IsCluster)
        {
            // The endpoints only: a connection string may carry a password.
            var redis = string.Join(", ", ModelOpsSiloBuilderExtensions.RedisConfiguration(cluster.Value).EndPoints);
            LogCluster(version, cluster.Value.Id, redis, role.Name, ports, demo, otlp);
        }
        else
        {
            LogEmbedded(version, ports, Path.GetFullPath(silo.Value.DataDir), demo, otlp);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "ModelOps Vision {Version}: embedded mode (one silo, localhost clustering), role all; {Ports}; state in {DataDir}; demo simulator {Simulator}; metrics at /metrics, {Otlp}")]
    private partial void LogEmbedded(string version, string ports, string dataDir, string simulator, string otlp);

    [LoggerMessage(Level = LogLevel.Information, Message = "ModelOps Vision {Version}: cluster mode (cluster {ClusterId}, membership, state and reminders in Redis at {Redis}), role {Role}; {Ports}; demo simulator {Simulator}; metrics at /metrics, {Otlp}")]
    private partial void LogCluster(string version, string clusterId, string redis, string role, string ports, string simulator, string otlp);
}
