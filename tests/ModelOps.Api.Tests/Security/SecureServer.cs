using System.Net.Http.Headers;
using System.Security.Cryptography;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Security;

/// <summary>
/// The product on loopback with anonymous loopback access off and a seeded admin key: every request here must carry a
/// key, as a request from another machine would.
/// </summary>
public sealed class SecureServer : IAsyncDisposable
{
    public SecureServer(IReadOnlyDictionary<string, string>? settings = null)
    {
        AdminKey = NewSecret();
        var all = new Dictionary<string, string>
        {
            ["ModelOps:Auth:AllowAnonymousLoopback"] = "false",
            ["ModelOps:Auth:AdminKey"] = AdminKey,
            // The matrix makes hundreds of requests, some with bad keys, from the one loopback address.
            ["ModelOps:Auth:FailuresPerMinute"] = "10000",
            ["ModelOps:Auth:AllowedOrigins:0"] = AllowedOrigin,
            // Channels point at a closed loopback port: nothing leaves the machine.
            ["ModelOps:Notifications:AllowPrivateNetworks"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        Server = new ModelOpsServer(settings: all);
        Admin = ClientFor(AdminKey);
    }

    /// <summary>A page origin besides the server's own that the server lets open the stream.</summary>
    public const string AllowedOrigin = "https://ops.example.invalid";

    public ModelOpsServer Server { get; }

    /// <summary>The seeded admin key (scope <c>*</c>).</summary>
    public string AdminKey { get; }

    public HttpClient Admin { get; }

    public ModelOpsClient AdminClient => new(Admin);

    /// <summary>A secret in the form the product issues, never stored anywhere.</summary>
    public static string NewSecret() => ApiKeyHeaders.KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    /// <summary>A client that sends <paramref name="key"/> as a bearer token (or nothing when null).</summary>
    public HttpClient ClientFor(string? key)
    {
        var client = new HttpClient { BaseAddress = Server.Root, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    public async Task<CreatedApiKey> CreateKeyAsync(string name, ApiRole role, params string[] models) =>
        await AdminClient.CreateKeyAsync(new ApiKeyRequest { Name = name, Role = role, Models = models.Length == 0 ? null : models }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(Server.DataDir, recursive: true);
    }
}

/// <summary>One secure server per test class.</summary>
public sealed class SecureServerFixture : IAsyncLifetime
{
    public SecureServer Secure { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Secure = new SecureServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Secure.DisposeAsync();
}
