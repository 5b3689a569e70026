using ModelOps.Grains.Labels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelOps.Grains.Models;
using ModelOps.Grains.Notifications;
using ModelOps.Grains.Sealing;
using ModelOps.Grains.Serialization;
using ModelOps.Grains.Storage;
using ModelOps.Grains.Streaming;
using ModelOps.Grains.Telemetry;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace ModelOps.Grains.Hosting;

public static class ModelOpsSiloBuilderExtensions
{
    /// <summary>
    /// Everything the grains of a ModelOps silo need, for the product's silos and the test cluster alike: their options
    /// (bound from configuration, validated at start), grain state, the live streams and their pub-sub state, reminders,
    /// the contract serializer, the silo's metrics and notification delivery. How the silo finds its cluster (clustering,
    /// ports) is the host's. With <c>ModelOps:Cluster:Redis</c> set, grain state, pub-sub state, reminders and the grain
    /// directory are in that Redis (Orleans' Redis providers), so they survive the loss of any silo; without it, grain
    /// state and reminders are in the SQLite file under <c>ModelOps:DataDir</c> (reminders must outlive a restart: they
    /// wake models whose outbox is not empty), and pub-sub state and the directory are in the silo's memory (one silo:
    /// nothing to share).
    /// </summary>
    public static ISiloBuilder AddModelOpsGrains(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LabelOptions>().BindConfiguration(LabelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<MonitoringOptions>>((collection, monitoring) =>
            collection.ClassSpecificCollectionAge[typeof(ModelGrain).FullName!] = monitoring.Value.IdleDeactivation);
        services.AddOptions<ModelMetricsOptions>().BindConfiguration(ModelMetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClusterSettings>().BindConfiguration(ClusterSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSerializer(serializer => serializer.AddContractSerialization());
        services.AddModelOpsDataProtection(silo.Configuration);
        if (ClusterSettings.InCluster(silo.Configuration))
        {
            silo.AddRedisState();
        }
        else
        {
            silo.AddSqliteGrainStorage(Names.Storage, _ => { });
            services.AddOptions<SqliteGrainStorageOptions>(Names.Storage).Configure<IConfiguration>((storage, configuration) =>
                storage.DataDirectory = Path.GetFullPath(configuration[DataDirKey] ?? DefaultDataDir));
            silo.AddMemoryGrainStorage(Names.PubSubStore);
            silo.UseSqliteReminderService(Names.Storage);
        }
        silo.AddModelOpsStreams();
        silo.AddModelOpsMetrics();
        // After the silo's own services, so that at shutdown the dispatcher stops first and can still report to the grains.
        services.AddModelOpsNotifications();
        // Grain calls join the caller's trace when a tracer listens (OTLP); without one this costs nothing.
        silo.AddActivityPropagation();
        return silo;
    }

    /// <summary>The configuration key of the embedded state's directory, and its default.</summary>
    public const string DataDirKey = "ModelOps:DataDir";

    public const string DefaultDataDir = "./data";

    private static void AddRedisState(this ISiloBuilder silo)
    {
        // The Orleans binary serializer, as for SQLite: state records are [GenerateSerializer] with [Id]s, the
        // version-tolerant contract this project keeps stable (the providers' default would be JSON).
        foreach (var name in new[] { Names.Storage, Names.PubSubStore })
        {
            silo.AddRedisGrainStorage(name, options => options.Configure<IOptions<ClusterSettings>, Serializer>((storage, cluster, serializer) =>
            {
                storage.ConfigurationOptions = RedisConfiguration(cluster.Value);
                storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        }
        // The grain directory (every grain's: Redis is the default directory) is in Redis too, for one activation per grain
        // across a graceful stop. Orleans' default directory, kept in the silos' memory, drops the registrations a stopping
        // silo held as soon as it enters ShuttingDown, while that silo's own grains are still deactivating: a call reaching
        // the other silo then found no registration and activated the model there, reading its state before the stopping
        // activation's last checkpoint was written. Two activations at once: the new one lacked what the old one had
        // acknowledged since its previous checkpoint, and its next write failed on the ETag. In Redis the registration
        // stays until the stopping activation has written its checkpoint (OnDeactivateAsync) and unregistered, and only
        // then is the next one created, from that checkpoint. Registrations of a silo declared dead are ignored and removed.
        silo.UseRedisGrainDirectoryAsDefault(directory => directory.Configure<IOptions<ClusterSettings>>((options, cluster) =>
            options.ConfigurationOptions = RedisConfiguration(cluster.Value)));
        silo.UseRedisReminderService(_ => { });
        silo.Services.AddOptions<RedisReminderTableOptions>().Configure<IOptions<ClusterSettings>>((reminders, cluster) =>
            reminders.ConfigurationOptions = RedisConfiguration(cluster.Value));
    }

    /// <summary>
    /// The StackExchange.Redis options of <c>ModelOps:Cluster:Redis</c>. A Redis that cannot be reached at start stops the
    /// process with a message naming the setting; once connected, the client reconnects by itself.
    /// </summary>
    public static ConfigurationOptions RedisConfiguration(ClusterSettings cluster) =>
        ConfigurationOptions.Parse(cluster.Redis ?? throw new InvalidOperationException($"{ClusterSettings.RedisKey} is not set."));
}
