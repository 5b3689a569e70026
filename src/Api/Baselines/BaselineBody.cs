using System.Text.Json;
using System.Text.Json.Serialization;
using ModelOps.Contracts;

namespace ModelOps.Api.Baselines;

/// <summary>JSON body of <c>PUT /api/v1/models/{id}/baseline</c>: <c>{"rows": [{"amount": 129.5, "country": "DE"}, …]}</c>.</summary>
public sealed record BaselineBody
{
    /// <summary>One object per baseline row, mapping column names to a number, a string, a boolean or null.</summary>
    public required IReadOnlyList<Dictionary<string, ScalarValue>> Rows { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BaselineBody))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
