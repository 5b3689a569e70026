namespace ModelOps.Api.Endpoints;

/// <summary>
/// Endpoint metadata: the largest body the operation takes, read from its options; without it an operation takes
/// <see cref="ApiOptions.MaxBodyBytes"/>. Applied by <see cref="ApiRequestGuard"/>.
/// </summary>
public sealed class BodyLimit(Func<IServiceProvider, long> bytes)
{
    public long Of(IServiceProvider services) => bytes(services);
}
