using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ModelOps.Api.Security;

/// <summary>
/// Says once, at start, that anonymous loopback access is on while the service listens beyond loopback: then anyone on
/// this machine (and any proxy on it that forwards from elsewhere) acts as admin without a key.
/// </summary>
public sealed partial class LoopbackExposureLog(
    IServer server, IHostApplicationLifetime lifetime, IOptions<AuthOptions> options, ILogger<LoopbackExposureLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var exposed = Exposed(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
            if (options.Value.AnonymousLoopback && exposed.Count > 0)
            {
                LogExposed(string.Join(", ", exposed));
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The listening addresses that are not loopback-only (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, a host name, a public address).</summary>
    public static IReadOnlyList<string> Exposed(IEnumerable<string> addresses) => addresses
        .Where(address => !Uri.TryCreate(address.Replace("://*", "://any-host", StringComparison.Ordinal).Replace("://+", "://any-host", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || !(uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))))
        .ToArray();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anonymous loopback access is on (ModelOps:Auth:AllowAnonymousLoopback) and the service listens on {Addresses}: requests from this machine act as admin without a key; turn it off or set ModelOps:Auth:AdminKey and hand out keys")]
    private partial void LogExposed(string addresses);
}
