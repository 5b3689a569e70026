using Microsoft.Extensions.DependencyInjection;
using ModelOps.Grains.Notifications;
using static ModelOps.Api.Tests.Notifications.NotificationTestKit;

namespace ModelOps.Api.Tests.Notifications;

/// <summary>
/// The notification HTTP client checks the addresses a host resolves to when it connects, whatever the channel's
/// validation said when it was saved: that is what defeats DNS rebinding.
/// </summary>
public sealed class ConnectGuardTests
{
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_loopback_receiver_is_refused_before_connecting_when_private_networks_are_not_allowed(string host)
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services(allowPrivateNetworks: false);
        var url = new UriBuilder(receiver.Url()) { Host = host }.Uri;

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => Client(services).PostAsync(url, new StringContent("{}"), cancel));

        var refused = Assert.IsType<AddressRefusedException>(failure.InnerException);
        Assert.Equal(host, refused.Host);
        Assert.EndsWith("is a loopback address: allowed only when ModelOps:Notifications:AllowPrivateNetworks is true", refused.Reason);
        Assert.Empty(receiver.Requests);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_loopback_receiver_is_reached_when_private_networks_are_allowed(string host)
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var services = Services(allowPrivateNetworks: true);
        var url = new UriBuilder(receiver.Url()) { Host = host }.Uri;

        using var response = await Client(services).PostAsync(url, new StringContent("{}"), cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("/hook", Assert.Single(receiver.Requests).Path);
    }

    [Fact]
    public async Task A_link_local_address_is_refused_even_when_private_networks_are_allowed()
    {
        await using var services = Services(allowPrivateNetworks: true);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() =>
            Client(services).PostAsync("http://169.254.169.254/latest/meta-data/", new StringContent("{}"), cancel));

        var refused = Assert.IsType<AddressRefusedException>(failure.InnerException);
        Assert.Equal("refused to connect to 169.254.169.254: 169.254.169.254 is a cloud metadata endpoint: never allowed", refused.Message);
    }

    private static HttpClient Client(IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(NotificationHttp.ClientName);
}
