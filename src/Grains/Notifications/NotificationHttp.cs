using System.Net;
using System.Net.Sockets;

namespace ModelOps.Grains.Notifications;

/// <summary>
/// The HTTP client notifications go out through: it follows no redirects, uses no proxy (a proxy would connect on
/// our behalf, past the check below), and opens connections only to addresses the <see cref="NetworkPolicy"/> allows,
/// checked on the addresses the host resolves to at connect time.
/// </summary>
public static class NotificationHttp
{
    /// <summary>The name of the client in <see cref="IHttpClientFactory"/>.</summary>
    public const string ClientName = "ModelOps.Notifications";

    public static SocketsHttpHandler CreateHandler(bool allowPrivateNetworks) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivateNetworks, cancellationToken),
    };

    /// <summary>Resolves the host and connects to the first allowed address that answers; refuses when none is allowed.</summary>
    /// <exception cref="AddressRefusedException">Every address of the host is refused by the policy; nothing was sent.</exception>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }
        var allowed = addresses.Where(address => NetworkPolicy.Allows(NetworkPolicy.Classify(address), allowPrivateNetworks)).ToArray();
        if (allowed.Length == 0)
        {
            var refused = addresses[0];
            throw new AddressRefusedException(endpoint.Host, NetworkPolicy.Refusal(refused.ToString(), NetworkPolicy.Classify(refused), allowPrivateNetworks)!);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A notification was not sent because its host resolves only to addresses the network policy refuses.</summary>
public sealed class AddressRefusedException(string host, string reason) : IOException($"refused to connect to {host}: {reason}")
{
    public string Host { get; } = host;

    public string Reason { get; } = reason;
}
