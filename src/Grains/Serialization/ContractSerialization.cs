using ModelOps.Contracts;
using Orleans.Serialization;

namespace ModelOps.Grains.Serialization;

/// <summary>
/// The wire-contract records of src/Contracts cross grain calls, streams and storage as their own JSON,
/// so the contract assembly (shared with the dashboard and outside clients) carries no Orleans attributes.
/// Hot paths wrap them in <c>Immutable&lt;T&gt;</c>, so local calls do not copy them at all.
/// </summary>
public static class ContractSerialization
{
    public static ISerializerBuilder AddContractSerialization(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(
            isSupported: type => type.Assembly == typeof(ModelView).Assembly,
            jsonSerializerOptions: ModelOpsJsonContext.Default.Options);
}
