namespace ModelOps.Api.Tests.Hosting;

/// <summary>A bad setting stops the published product at start, with a message that names the key.</summary>
public sealed class StartupSettingsTests
{
    /// <summary>The exit code of a start refused for its settings (a crash would be 134).</summary>
    private const int BadSettings = 2;

    [Theory]
    [InlineData("--ModelOps:SiloPort=0", "ModelOps:SiloPort must be between 1 and 65535.")]
    [InlineData("--ModelOps:Window=five minutes", "Failed to convert configuration value 'five minutes' at 'ModelOps:Window' to type 'System.TimeSpan'.")]
    [InlineData("--ModelOps:Api:IngestConcurrency=0", "ModelOps:Api:IngestConcurrency must be between 1 and 10000.")]
    [InlineData("--ModelOps:Metrics:MaxModels=0", "ModelOps:Metrics:MaxModels must be between 1 and 10000.")]
    [InlineData("--ModelOps:Simulator:EventsPerSecond=lots", "Failed to convert configuration value 'lots' at 'ModelOps:Simulator:EventsPerSecond' to type 'System.Int32'.")]
    [InlineData("--ModelOps:Role=silo", "ModelOps:Role is silo, which runs as part of a cluster: set ModelOps:Cluster:Redis to the Redis connection string of the cluster (e.g. 127.0.0.1:6379).")]
    [InlineData("--ModelOps:Role=api", "ModelOps:Role is api, which runs as part of a cluster: set ModelOps:Cluster:Redis")]
    [InlineData("--ModelOps:Role=worker", "ModelOps:Role must be all, silo or api.")]
    [InlineData("--ModelOps:Cluster:AdvertisedAddress=node-a", "ModelOps:Cluster:AdvertisedAddress must be an IP address (e.g. 10.0.0.5), not 'node-a'.")]
    public async Task A_bad_value_stops_the_process_at_start_naming_the_key(string argument, string message)
    {
        await using var product = await ProductProcess.StartAsync(arguments: argument);

        var exitCode = await product.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(BadSettings, exitCode);
        // The one line on stderr; the host's own log of the failure is on stdout, and the two pipes are read apart, so
        // their lines interleave in no fixed order.
        var said = Assert.Single(product.Lines, line => line.StartsWith("ModelOps Vision did not start: ", StringComparison.Ordinal));
        Assert.Contains(message, said);
    }

    [Fact]
    public async Task A_silo_port_in_use_stops_the_process_at_start_naming_the_setting()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        await using var product = await ProductProcess.StartAsync(arguments: $"--ModelOps:SiloPort={port}");

        var exitCode = await product.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(BadSettings, exitCode);
        Assert.Contains(product.Lines, line => line.StartsWith("ModelOps Vision did not start: ", StringComparison.Ordinal)
            && line.Contains($"ModelOps:SiloPort {port} is already in use by another process; give this silo a free port.", StringComparison.Ordinal));
    }
}
