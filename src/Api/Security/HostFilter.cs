using System.Net;
using System.Net.NetworkInformation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ModelOps.Api.Security;

/// <summary>
/// Answers only requests whose <c>Host</c> names this service, so that a page whose name an attacker has pointed at this
/// host (DNS rebinding) cannot use a victim's browser to reach the API: the browser still sends the attacker's name. A
/// foreign host gets 400 problem+json before anything else runs. Always answered: <c>localhost</c>, <c>*.localhost</c>,
/// this machine's name, loopback addresses and the addresses the server listens on (every local address when it listens
/// on all); besides those, <see cref="HostFilterOptions.AllowedHosts"/>. A request without a <c>Host</c> (HTTP/1.0) is
/// answered: no browser sends one.
/// </summary>
public sealed class HostFilter(RequestDelegate next, IOptions<HostFilterOptions> options, IServer server)
{
    private readonly Lazy<AllowedHosts> allowed = new(() => AllowedHosts.Of(options.Value.AllowedHosts, server));

    public async Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host;
        if (!host.HasValue || allowed.Value.Allows(host.Host))
        {
            await next(context);
            return;
        }
        await TypedResults.Problem(
            title: "Host not allowed",
            detail: $"This service does not answer for host '{Truncated(host.Host)}'. Reach it by a name it serves, or add the name to ModelOps:Auth:AllowedHosts.",
            statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
    }

    private static string Truncated(string host) => host.Length <= 100 ? host : host[..100] + "…";

    /// <summary>The names and addresses answered; decided at the first request, once the server knows where it listens.</summary>
    internal sealed class AllowedHosts(bool any, HashSet<string> names, string[] domains, HashSet<IPAddress> addresses)
    {
        public static AllowedHosts Of(IReadOnlyList<string> configured, IServer server)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", Dns.GetHostName() };
            var domains = new List<string> { ".localhost" };
            var addresses = new HashSet<IPAddress>();
            foreach (var entry in configured)
            {
                if (entry.StartsWith("*.", StringComparison.Ordinal))
                {
                    domains.Add(entry[1..]);
                }
                else if (IPAddress.TryParse(entry.Trim('[', ']'), out var address))
                {
                    addresses.Add(address);
                }
                else
                {
                    names.Add(entry.TrimEnd('.'));
                }
            }
            foreach (var listened in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                var host = ListenedHost(listened);
                if (host is "*" or "+" or "" || (IPAddress.TryParse(host, out var any) && (any.Equals(IPAddress.Any) || any.Equals(IPAddress.IPv6Any))))
                {
                    addresses.UnionWith(LocalAddresses());
                }
                else if (IPAddress.TryParse(host, out var address))
                {
                    addresses.Add(address);
                }
                else
                {
                    names.Add(host);
                }
            }
            return new AllowedHosts(configured.Contains("*"), names, domains.ToArray(), addresses);
        }

        public bool Allows(string host)
        {
            if (any)
            {
                return true;
            }
            if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
            {
                return IPAddress.IsLoopback(address) || addresses.Contains(address)
                    || (address.IsIPv4MappedToIPv6 && addresses.Contains(address.MapToIPv4()));
            }
            var name = host.TrimEnd('.');
            return names.Contains(name) || domains.Any(domain => name.EndsWith(domain, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>The host of a listening address such as <c>http://[::]:8080</c> or <c>http://+:80</c>.</summary>
        private static string ListenedHost(string address)
        {
            var start = address.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? scheme + 3 : 0;
            var rest = address[start..];
            if (rest.StartsWith('['))
            {
                return rest[1..rest.IndexOf(']')];
            }
            var end = rest.IndexOfAny([':', '/']);
            return end < 0 ? rest : rest[..end];
        }

        private static IEnumerable<IPAddress> LocalAddresses() =>
            NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(network => network.GetIPProperties().UnicastAddresses)
                .Select(unicast => unicast.Address);
    }
}
