using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Grains.Hosting;
using ModelOps.Grains.Storage;
using StackExchange.Redis;

namespace ModelOps.Grains.Sealing;

public static class DataProtectionHosting
{
    /// <summary>The application name every node shares, so that what one node protects another can unprotect.</summary>
    public const string ApplicationName = "ModelOpsVision";

    /// <summary>The directory of the key ring under the data directory, when embedded.</summary>
    public const string KeysDirectoryName = "keys";

    /// <summary>The Redis key of the key ring of cluster <paramref name="clusterId"/> (a list of XML keys).</summary>
    public static string RedisKey(string clusterId) => $"{clusterId}/DataProtection-Keys";

    /// <summary>
    /// ASP.NET Core Data Protection with the key ring where every process of the deployment reads it: in
    /// <c>ModelOps:DataDir</c>/keys when embedded (a directory only the owner may read), in the cluster's Redis with
    /// <c>ModelOps:Cluster:Redis</c>. Silos seal channel secrets with it; the API's session cookie uses it too. Registers
    /// <see cref="SecretSealer"/>.
    /// </summary>
    public static IServiceCollection AddModelOpsDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.TryAddSingleton<SecretSealer>();
        if (ClusterSettings.InCluster(configuration))
        {
            services.TryAddSingleton<KeyRingConnection>();
            services.AddOptions<KeyManagementOptions>().Configure<KeyRingConnection, IOptions<ClusterSettings>>((keys, redis, cluster) =>
                keys.XmlRepository = new RedisXmlRepository(() => redis.Database, RedisKey(cluster.Value.Id)));
        }
        else
        {
            services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, ILoggerFactory>((keys, settings, logs) =>
            {
                var dataDir = Path.GetFullPath(settings[ModelOpsSiloBuilderExtensions.DataDirKey] ?? ModelOpsSiloBuilderExtensions.DefaultDataDir);
                var directory = OwnerOnly.CreateDirectory(Path.Combine(OwnerOnly.CreateDirectory(dataDir).FullName, KeysDirectoryName));
                keys.XmlRepository = new FileSystemXmlRepository(directory, logs);
            });
        }
        return services;
    }

    /// <summary>The key ring's own connection to the cluster's Redis, opened when the ring is first read.</summary>
    private sealed class KeyRingConnection(IOptions<ClusterSettings> cluster) : IDisposable
    {
        private readonly Lazy<ConnectionMultiplexer> connection =
            new(() => ConnectionMultiplexer.Connect(ModelOpsSiloBuilderExtensions.RedisConfiguration(cluster.Value)));

        public IDatabase Database => connection.Value.GetDatabase();

        public void Dispose()
        {
            if (connection.IsValueCreated)
            {
                connection.Value.Dispose();
            }
        }
    }
}
