using System.Net;
using System.Net.Sockets;

namespace ModelOps.Grains.Notifications;

/// <summary>What kind of destination an address is, as far as sending notifications there is concerned.</summary>
public enum AddressClass
{
    /// <summary>Anything else: allowed.</summary>
    Public,
    /// <summary>127.0.0.0/8, ::1, <c>localhost</c>: allowed only with <see cref="NotificationOptions.AllowPrivateNetworks"/>.</summary>
    Loopback,
    /// <summary>10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT), fc00::/7, fec0::/10: allowed only with <see cref="NotificationOptions.AllowPrivateNetworks"/>.</summary>
    Private,
    /// <summary>0.0.0.0/8 and :: (which reach this host): allowed only with <see cref="NotificationOptions.AllowPrivateNetworks"/>.</summary>
    Unspecified,
    /// <summary>169.254/16, fe80::/10: never allowed.</summary>
    LinkLocal,
    /// <summary>Cloud instance metadata services, which hand out credentials: never allowed.</summary>
    CloudMetadata,
    /// <summary>
    /// The other ranges of the IANA special-purpose registries (<see cref="SpecialPurposeRanges"/>): documentation,
    /// benchmarking, multicast, broadcast, 6to4, Teredo, …: allowed only with <see cref="NotificationOptions.AllowPrivateNetworks"/>.
    /// </summary>
    SpecialPurpose,
}

/// <summary>
/// Which addresses notifications may be sent to. Used twice: when a channel is saved (on the URL's host as written)
/// and when a connection is opened (on every address the host resolves to), so a name that resolves to a
/// public address at save time and to a private one later (DNS rebinding) is still refused.
/// </summary>
public static class NetworkPolicy
{
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"), // AWS, GCP, Azure, OCI, DigitalOcean
        IPAddress.Parse("fd00:ec2::254"), // AWS over IPv6
        IPAddress.Parse("100.100.100.200"), // Alibaba Cloud
        IPAddress.Parse("168.63.129.16"), // Azure WireServer: a public address only reachable, and dangerous, from inside Azure
    ];

    private static readonly string[] MetadataHostNames = ["metadata.google.internal", "metadata", "instance-data"];

    /// <summary>The class of an address; IPv4 addresses written as IPv6 (mapped or NAT64) are judged as the IPv4 address they carry.</summary>
    public static AddressClass Classify(IPAddress address)
    {
        address = Unwrapped(address);
        if (MetadataAddresses.Contains(address))
        {
            return AddressClass.CloudMetadata;
        }
        return address.AddressFamily == AddressFamily.InterNetwork ? ClassifyIPv4(address.GetAddressBytes()) : ClassifyIPv6(address);
    }

    /// <summary>
    /// The class of a URL's host as written: an IP literal is classified, a name is judged by the names that always
    /// mean this host or a metadata service; any other name is <see cref="AddressClass.Public"/> until it is resolved.
    /// </summary>
    public static AddressClass ClassifyHost(string host)
    {
        var trimmed = host.Trim('[', ']');
        if (IPAddress.TryParse(trimmed, out var address))
        {
            return Classify(address);
        }
        var name = trimmed.TrimEnd('.').ToLowerInvariant();
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return AddressClass.Loopback;
        }
        return MetadataHostNames.Contains(name) ? AddressClass.CloudMetadata : AddressClass.Public;
    }

    public static bool Allows(AddressClass addressClass, bool allowPrivateNetworks) => addressClass switch
    {
        AddressClass.Public => true,
        AddressClass.Loopback or AddressClass.Private or AddressClass.Unspecified or AddressClass.SpecialPurpose => allowPrivateNetworks,
        _ => false,
    };

    /// <summary>Why <paramref name="host"/> is refused, e.g. <c>10.0.0.7 is a private network address: …</c>; null when it is allowed.</summary>
    public static string? Refusal(string host, AddressClass addressClass, bool allowPrivateNetworks)
    {
        if (Allows(addressClass, allowPrivateNetworks))
        {
            return null;
        }
        const string OnlyWhenAllowed = "allowed only when ModelOps:Notifications:AllowPrivateNetworks is true";
        return addressClass switch
        {
            AddressClass.Loopback => $"{host} is a loopback address: {OnlyWhenAllowed}",
            AddressClass.Private => $"{host} is a private network address: {OnlyWhenAllowed}",
            AddressClass.Unspecified => $"{host} is an unspecified address: {OnlyWhenAllowed}",
            AddressClass.SpecialPurpose => $"{host} is a special-purpose address{InRange(host)}: {OnlyWhenAllowed}",
            AddressClass.LinkLocal => $"{host} is a link-local address: never allowed",
            _ => $"{host} is a cloud metadata endpoint: never allowed",
        };
    }

    private static string InRange(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var address) && SpecialPurposeRanges.Of(Unwrapped(address)) is { } range ? $" in {range}" : "";

    private static IPAddress Unwrapped(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // 64:ff9b::/96, the NAT64 well-known prefix: a NAT64 gateway forwards to the IPv4 address in the last 4 bytes.
            var bytes = address.GetAddressBytes();
            ReadOnlySpan<byte> nat64 = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
            if (bytes.AsSpan(0, 12).SequenceEqual(nat64))
            {
                return new IPAddress(bytes.AsSpan(12));
            }
        }
        return address;
    }

    private static AddressClass ClassifyIPv4(byte[] b) => b switch
    {
        [127, ..] => AddressClass.Loopback,
        [0, ..] => AddressClass.Unspecified,
        [169, 254, ..] => AddressClass.LinkLocal,
        [10, ..] => AddressClass.Private,
        [172, >= 16 and <= 31, ..] => AddressClass.Private,
        [192, 168, ..] => AddressClass.Private,
        [100, >= 64 and <= 127, ..] => AddressClass.Private,
        _ => SpecialOrPublic(new IPAddress(b)),
    };

    private static AddressClass ClassifyIPv6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressClass.Loopback;
        }
        if (address.Equals(IPAddress.IPv6Any))
        {
            return AddressClass.Unspecified;
        }
        if (address.IsIPv6LinkLocal)
        {
            return AddressClass.LinkLocal;
        }
        var first = address.GetAddressBytes()[0];
        return (first & 0xfe) == 0xfc || address.IsIPv6SiteLocal ? AddressClass.Private : SpecialOrPublic(address);
    }

    private static AddressClass SpecialOrPublic(IPAddress address) =>
        SpecialPurposeRanges.Of(address) is null ? AddressClass.Public : AddressClass.SpecialPurpose;
}
