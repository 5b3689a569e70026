using Microsoft.Extensions.DependencyInjection;
using ModelOps.Dashboard.Tests.Fakes;

namespace ModelOps.Dashboard.Tests;

/// <summary>A dashboard test context whose REST client talks to a <see cref="LoopbackApi"/> the test answers for.</summary>
public abstract class ApiTestContext : DashboardTestContext
{
    protected ApiTestContext() => Services.AddSingleton(Api.Client);

    internal LoopbackApi Api { get; } = new();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await Api.DisposeAsync();
    }
}
