using System.Text.Json.Serialization;

namespace ModelOps.Api.Insights;

/// <summary>JSON-encodes quoted strings; non-ASCII characters are escaped, so nothing in a quote can look like markup.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class QuoteContext : JsonSerializerContext;
