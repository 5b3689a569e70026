using System.Net;

namespace ModelOps.Grains.Notifications;

/// <summary>
/// The IANA IPv4 and IPv6 special-purpose address registries (as of 2026), with IPv4 multicast, 240/4 and the
/// limited broadcast address, less the ranges <see cref="NetworkPolicy"/> already classifies on their own (loopback,
/// private, shared, unspecified, link-local) and the NAT64 well-known prefix, which is judged by the IPv4 address it
/// carries. None of them is a place a notification should go, including those the registry marks globally reachable
/// (anycast relays, AS112 sinks): they are refused unless private networks are allowed.
/// </summary>
public static class SpecialPurposeRanges
{
    /// <summary>Each range in CIDR notation with the registry's name for it.</summary>
    public static readonly IReadOnlyList<(IPNetwork Range, string Name)> All =
    [
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation (TEST-NET-1)"),
        (IPNetwork.Parse("192.31.196.0/24"), "AS112-v4"),
        (IPNetwork.Parse("192.52.193.0/24"), "AMT"),
        (IPNetwork.Parse("192.88.99.0/24"), "deprecated 6to4 relay anycast"),
        (IPNetwork.Parse("192.175.48.0/24"), "direct delegation AS112 service"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation (TEST-NET-2)"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation (TEST-NET-3)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("255.255.255.255/32"), "limited broadcast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("::/96"), "IPv4-compatible (deprecated)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use IPv4/IPv6 translation"),
        (IPNetwork.Parse("100::/64"), "discard-only"),
        (IPNetwork.Parse("100:0:0:1::/64"), "dummy IPv6 prefix"),
        (IPNetwork.Parse("2001::/23"), "IETF protocol assignments (Teredo, benchmarking, ORCHID, …)"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation"),
        (IPNetwork.Parse("2002::/16"), "6to4"),
        (IPNetwork.Parse("2620:4f:8000::/48"), "direct delegation AS112 service"),
        (IPNetwork.Parse("3fff::/20"), "documentation"),
        (IPNetwork.Parse("5f00::/16"), "segment routing (SRv6) SIDs"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    /// <summary>The range <paramref name="address"/> falls in, e.g. <c>198.18.0.0/15 (benchmarking)</c>; null when none.</summary>
    public static string? Of(IPAddress address)
    {
        foreach (var (range, name) in All)
        {
            if (range.Contains(address))
            {
                return $"{range} ({name})";
            }
        }
        return null;
    }
}
