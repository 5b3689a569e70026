using System.Net;
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
    [InlineData(AddressClass.LinkLocal, false, false)]
    [InlineData(AddressClass.CloudMetadata, false, false)]
    public void Private_networks_open_loopback_private_and_unspecified_but_never_link_local_or_metadata(
        AddressClass addressClass, bool allowedByDefault, bool allowedWithPrivateNetworks)
    {
        Assert.Equal(allowedByDefault, NetworkPolicy.Allows(addressClass, allowPrivateNetworks: false));
        Assert.Equal(allowedWithPrivateNetworks, NetworkPolicy.Allows(addressClass, allowPrivateNetworks: true));
    }
}
