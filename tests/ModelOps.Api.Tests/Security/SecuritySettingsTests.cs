using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelOps.Api.Security;

namespace ModelOps.Api.Tests.Security;

public sealed class SecuritySettingsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static AuthOptions Resolve(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value))).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddModelOpsSecurity().BuildServiceProvider();
        return services.GetRequiredService<IOptions<AuthOptions>>().Value;
    }

    [Fact]
    public void Anonymous_loopback_access_is_on_embedded_and_off_in_cluster_mode_unless_set()
    {
        Assert.True(Resolve().AnonymousLoopback);
        Assert.False(Resolve(("ModelOps:Cluster:Redis", "127.0.0.1:6379")).AnonymousLoopback);
        Assert.True(Resolve(("ModelOps:Cluster:Redis", "127.0.0.1:6379"), ("ModelOps:Auth:AllowAnonymousLoopback", "true")).AnonymousLoopback);
        Assert.False(Resolve(("ModelOps:Auth:AllowAnonymousLoopback", "false")).AnonymousLoopback);
    }

    [Fact]
    public void The_admin_key_comes_from_the_setting_or_else_MODELOPS_ADMIN_KEY()
    {
        var fromSetting = SecureServer.NewSecret();
        var fromEnvironment = SecureServer.NewSecret();
        Assert.Equal(fromEnvironment, Resolve(("MODELOPS_ADMIN_KEY", fromEnvironment)).AdminKey);
        Assert.Equal(fromSetting, Resolve(("MODELOPS_ADMIN_KEY", fromEnvironment), ("ModelOps:Auth:AdminKey", fromSetting)).AdminKey);
    }

    [Theory]
    [InlineData("ModelOps:Auth:AdminKey", "short", "ModelOps:Auth:AdminKey (MODELOPS_ADMIN_KEY) must be 'mov_' followed by 32 to 252 characters without spaces")]
    [InlineData("ModelOps:Auth:AllowedOrigins:0", "https://ops.example.com/", "ModelOps:Auth:AllowedOrigins: 'https://ops.example.com/' is not an origin")]
    [InlineData("ModelOps:Auth:AllowedOrigins:0", "ops.example.com", "ModelOps:Auth:AllowedOrigins: 'ops.example.com' is not an origin")]
    public void A_bad_setting_is_refused_naming_its_key(string key, string value, string message)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve((key, value)));
        Assert.Contains(message, Assert.Single(failure.Failures));
    }

    [Theory]
    [InlineData("http://localhost:5000", false)]
    [InlineData("http://127.0.0.1:5000", false)]
    [InlineData("http://[::1]:5000", false)]
    [InlineData("http://0.0.0.0:5000", true)]
    [InlineData("http://[::]:5000", true)]
    [InlineData("http://*:5000", true)]
    [InlineData("http://+:5000", true)]
    [InlineData("http://192.168.1.20:5000", true)]
    [InlineData("http://ops.example.com:5000", true)]
    public void Listening_beyond_loopback_is_recognised(string address, bool exposed) =>
        Assert.Equal(exposed ? [address] : [], LoopbackExposureLog.Exposed([address]));

    [Fact]
    public void Every_api_endpoint_needs_a_role_or_says_it_needs_no_key()
    {
        var endpoints = fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true);
        var undeclared = endpoints
            .Where(endpoint => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => data.Policy is ModelOpsPolicies.Viewer or ModelOpsPolicies.Producer or ModelOpsPolicies.Editor or ModelOpsPolicies.Admin))
            .Select(endpoint => endpoint.DisplayName)
            .ToArray();

        Assert.Empty(undeclared);
        Assert.Equal(["SignIn", "SignOut"], endpoints.Where(endpoint => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).Order());
    }
}
