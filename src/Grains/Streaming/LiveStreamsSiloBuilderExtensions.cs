using Orleans.Configuration;
using Orleans.Hosting;

namespace ModelOps.Grains.Streaming;

public static class LiveStreamsSiloBuilderExtensions
{
    /// <summary>
    /// How long a delivered stream message stays in the silo's stream cache, and the most that newest and oldest message
    /// in it may differ by. Model updates are live data: nobody rewinds a model stream (a client that missed updates
    /// resyncs from <c>initial-state</c> or REST), so the cache keeps seconds, not Orleans' default of 5 to 30 minutes.
    /// </summary>
    public static readonly TimeSpan CacheAge = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The in-memory streams that carry model broadcasts, fleet changes and alerts, with a cache bounded by
    /// <see cref="CacheAge"/>: it holds at most the messages published in that time (one broadcast per model per tick).
    /// Their pub-sub state is kept in the grain storage named <see cref="Names.PubSubStore"/>, which the caller provides.
    /// </summary>
    public static ISiloBuilder AddModelOpsStreams(this ISiloBuilder builder)
    {
        return builder.AddMemoryStreams(Names.StreamProvider, streams => streams.ConfigureCacheEviction(eviction => eviction.Configure(options =>
        {
            options.DataMinTimeInCache = CacheAge;
            options.DataMaxAgeInCache = CacheAge;
            options.MetadataMinTimeInCache = CacheAge;
        })));
    }
}
