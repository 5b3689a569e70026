using System.Net;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Notifications;

namespace ModelOps.Api.Tests.Notifications;

public sealed class NetworkPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8", AddressClass.Public)]
    [InlineData("2606:4700::1111", AddressClass.Public)]
    [InlineData("127.0.0.1", AddressClass.Loopback)]
    [InlineData("127.255.255.254", AddressClass.Loopback)]
    [InlineData("::1", AddressClass.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressClass.Loopback)]
    [InlineData("10.0.0.1", AddressClass.Private)]
    [InlineData("172.15.255.255", AddressClass.Public)]
    [InlineData("172.16.0.0", AddressClass.Private)]
    [InlineData("172.31.255.255", AddressClass.Private)]
    [InlineData("172.32.0.0", AddressClass.Public)]
    [InlineData("192.168.0.1", AddressClass.Private)]
    [InlineData("100.63.255.255", AddressClass.Public)]
    [InlineData("100.64.0.0", AddressClass.Private)]
    [InlineData("100.127.255.255", AddressClass.Private)]
    [InlineData("fc00::1", AddressClass.Private)]
    [InlineData("fdff:ffff::1", AddressClass.Private)]
    [InlineData("fec0::1", AddressClass.Private)]
    [InlineData("::ffff:192.168.1.1", AddressClass.Private)]
    [InlineData("0.0.0.0", AddressClass.Unspecified)]
    [InlineData("0.1.2.3", AddressClass.Unspecified)]
    [InlineData("::", AddressClass.Unspecified)]
    [InlineData("169.254.0.1", AddressClass.LinkLocal)]
    [InlineData("fe80::1", AddressClass.LinkLocal)]
    [InlineData("febf::1", AddressClass.LinkLocal)]
    [InlineData("::ffff:169.254.0.1", AddressClass.LinkLocal)]
    [InlineData("169.254.169.254", AddressClass.CloudMetadata)]
    [InlineData("::ffff:169.254.169.254", AddressClass.CloudMetadata)]
    [InlineData("64:ff9b::169.254.169.254", AddressClass.CloudMetadata)]
    [InlineData("fd00:ec2::254", AddressClass.CloudMetadata)]
    [InlineData("100.100.100.200", AddressClass.CloudMetadata)]
    [InlineData("168.63.129.16", AddressClass.CloudMetadata)]
    public void Addresses_are_classified_by_range(string address, AddressClass expected) =>
        Assert.Equal(expected, NetworkPolicy.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData(AddressClass.Public, true, true)]
    [InlineData(AddressClass.Loopback, false, true)]
    [InlineData(AddressClass.Private, false, true)]
    [InlineData(AddressClass.Unspecified, false, true)]
    [InlineData(AddressClass.SpecialPurpose, false, true)]
    [InlineData(AddressClass.LinkLocal, false, false)]
    [InlineData(AddressClass.CloudMetadata, false, false)]
    public void Private_networks_open_loopback_private_and_unspecified_but_never_link_local_or_metadata(
        AddressClass addressClass, bool allowedByDefault, bool allowedWithPrivateNetworks)
    {
        Assert.Equal(allowedByDefault, NetworkPolicy.Allows(addressClass, allowPrivateNetworks: false));
        Assert.Equal(allowedWithPrivateNetworks, NetworkPolicy.Allows(addressClass, allowPrivateNetworks: true));
    }

    /// <summary>
    /// The ranges the issue found counted as public, then every other entry of the IANA IPv4 and IPv6 special-purpose
    /// registries (and IPv4 multicast), each by its first address and, where it has one, its last; written out here, not
    /// read from the product's table.
    /// </summary>
    [Theory]
    [InlineData("198.18.0.0", "198.18.0.0/15 (benchmarking)")]
    [InlineData("198.19.255.255", "198.18.0.0/15 (benchmarking)")]
    [InlineData("224.0.0.1", "224.0.0.0/4 (multicast)")]
    [InlineData("239.255.255.255", "224.0.0.0/4 (multicast)")]
    [InlineData("255.255.255.255", "255.255.255.255/32 (limited broadcast)")]
    [InlineData("::8.8.8.8", "::/96 (IPv4-compatible (deprecated))")]
    [InlineData("::10.0.0.1", "::/96 (IPv4-compatible (deprecated))")]
    [InlineData("2002::", "2002::/16 (6to4)")]
    [InlineData("2002:c0a8:101::1", "2002::/16 (6to4)")]
    [InlineData("2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2002::/16 (6to4)")]
    [InlineData("64:ff9b:1::1", "64:ff9b:1::/48 (local-use IPv4/IPv6 translation)")]
    [InlineData("64:ff9b:1:ffff:ffff:ffff:ffff:ffff", "64:ff9b:1::/48 (local-use IPv4/IPv6 translation)")]
    [InlineData("192.0.0.0", "192.0.0.0/24 (IETF protocol assignments)")]
    [InlineData("192.0.0.9", "192.0.0.0/24 (IETF protocol assignments)")]
    [InlineData("192.0.0.170", "192.0.0.0/24 (IETF protocol assignments)")]
    [InlineData("192.0.2.1", "192.0.2.0/24 (documentation (TEST-NET-1))")]
    [InlineData("192.31.196.1", "192.31.196.0/24 (AS112-v4)")]
    [InlineData("192.52.193.1", "192.52.193.0/24 (AMT)")]
    [InlineData("192.88.99.1", "192.88.99.0/24 (deprecated 6to4 relay anycast)")]
    [InlineData("192.175.48.1", "192.175.48.0/24 (direct delegation AS112 service)")]
    [InlineData("198.51.100.7", "198.51.100.0/24 (documentation (TEST-NET-2))")]
    [InlineData("203.0.113.255", "203.0.113.0/24 (documentation (TEST-NET-3))")]
    [InlineData("240.0.0.1", "240.0.0.0/4 (reserved)")]
    [InlineData("255.255.255.254", "240.0.0.0/4 (reserved)")]
    [InlineData("::ffff:198.18.0.1", "198.18.0.0/15 (benchmarking)")]
    [InlineData("64:ff9b::224.0.0.1", "224.0.0.0/4 (multicast)")]
    [InlineData("100::1", "100::/64 (discard-only)")]
    [InlineData("100:0:0:1::1", "100:0:0:1::/64 (dummy IPv6 prefix)")]
    [InlineData("2001::1", "2001::/23 (IETF protocol assignments (Teredo, benchmarking, ORCHID, …))")]
    [InlineData("2001:2::1", "2001::/23 (IETF protocol assignments (Teredo, benchmarking, ORCHID, …))")]
    [InlineData("2001:1ff:ffff::1", "2001::/23 (IETF protocol assignments (Teredo, benchmarking, ORCHID, …))")]
    [InlineData("2001:db8::1", "2001:db8::/32 (documentation)")]
    [InlineData("2620:4f:8000::1", "2620:4f:8000::/48 (direct delegation AS112 service)")]
    [InlineData("3fff::1", "3fff::/20 (documentation)")]
    [InlineData("5f00::1", "5f00::/16 (segment routing (SRv6) SIDs)")]
    [InlineData("ff02::1", "ff00::/8 (multicast)")]
    public void Special_purpose_addresses_are_refused_unless_private_networks_are_allowed_and_the_refusal_names_the_range(string address, string range)
    {
        var host = address.Contains(':') ? $"[{address}]" : address;

        var refused = Assert.Throws<InvalidRequestException>(() => ChannelValidator.Validate(
            "special", new NotificationChannel { Type = ChannelTypes.Webhook, Url = $"http://{host}/hook" }, allowPrivateNetworks: false));
        var allowed = ChannelValidator.Validate(
            "special", new NotificationChannel { Type = ChannelTypes.Webhook, Url = $"http://{host}/hook" }, allowPrivateNetworks: true);

        Assert.Equal(AddressClass.SpecialPurpose, NetworkPolicy.Classify(IPAddress.Parse(address)));
        Assert.Equal(("url", $"{new Uri($"http://{host}/").Host} is a special-purpose address in {range}: allowed only when ModelOps:Notifications:AllowPrivateNetworks is true"),
            (refused.Field, refused.Reason));
        Assert.Equal(ChannelTypes.Webhook, allowed.Type);
    }

    [Theory]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("192.0.1.255")]
    [InlineData("2003::1")]
    [InlineData("2001:200::1")]
    [InlineData("64:ff9b:2::1")]
    [InlineData("64:ff9b::8.8.8.8")]
    public void Addresses_just_outside_the_special_purpose_ranges_are_public(string address) =>
        Assert.Equal(AddressClass.Public, NetworkPolicy.Classify(IPAddress.Parse(address)));
}
