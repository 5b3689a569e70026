using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ModelOps.Contracts;

namespace ModelOps.Silo.Simulation;

/// <summary>
/// Sends demo traffic for three models through the public REST API of this very process, exactly as an
/// outside producer would: a batch per model four times a second.
/// </summary>
public sealed partial class DemoSimulator(
    IServer server,
    IHostApplicationLifetime lifetime,
    IHttpClientFactory httpClients,
    IOptions<SimulatorOptions> options,
    TimeProvider clock,
    ILogger<DemoSimulator> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);
    private readonly IDemoModel[] models = [new FraudModel(), new ChurnModel(), new HousePriceModel()];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || !await Started(stoppingToken) || ServerRoot() is not { } root)
        {
            return;
        }
        var http = httpClients.CreateClient(nameof(DemoSimulator));
        http.BaseAddress = root;
        var client = new ModelOpsClient(http);
        foreach (var model in models)
        {
            await client.PutModelAsync(model.Id, model.Definition, stoppingToken);
            await client.PutRulesAsync(model.Id, model.Rules, stoppingToken);
        }
        LogStarted(logger, models.Length, root);

        var settings = options.Value;
        var schedule = new IncidentSchedule(settings.Cycle);
        var random = new Random();
        var start = clock.GetTimestamp();
        var perBatch = Math.Max(1, settings.EventsPerSecond / 4);
        long sequence = 0;
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var elapsed = clock.GetElapsedTime(start);
            foreach (var model in models)
            {
                var batch = new InferenceEvent[perBatch];
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i] = model.Next(random, elapsed, schedule, sequence++) with { Timestamp = clock.GetUtcNow() };
                }
                try
                {
                    await client.PostEventsAsync(model.Id, batch, stoppingToken);
                }
                catch (Exception ex) when (ex is HttpRequestException or ModelOpsApiException)
                {
                    LogSendFailed(logger, model.Id, ex.Message);
                }
            }
        }
    }

    private async Task<bool> Started(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(started.SetResult);
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The first address this server listens on, with a wildcard host replaced by loopback.</summary>
    private Uri? ServerRoot()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            LogNoAddress(logger);
            return null;
        }
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://[::1]"));
        return new Uri(uri.Uri, "/");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo simulator sending traffic for {Count} models to {Root}")]
    private static partial void LogStarted(ILogger logger, int count, Uri root);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo simulator could not send events for {ModelId}: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string modelId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo simulator is off: the server has no HTTP address to send to")]
    private static partial void LogNoAddress(ILogger logger);
}

public static class DemoSimulatorRegistration
{
    /// <summary>Adds the simulator; it sends only when <c>ModelOps:Simulator:Enabled</c> is true (the default).</summary>
    public static IServiceCollection AddDemoSimulator(this IServiceCollection services)
    {
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(nameof(DemoSimulator));
        services.AddHostedService<DemoSimulator>();
        return services;
    }
}
