using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ModelOps.Contracts;

namespace ModelOps.Grains.Alerting.Lifecycle;

/// <summary>
/// Alert ids are <c>{modelId}-{sequence}</c>, the sequence being the model's own, digits only: the model id is
/// everything before the last '-', so <c>POST /alerts/{id}/ack</c> finds the model grain from the id alone.
/// </summary>
public static class AlertIds
{
    public static string Format(string modelId, long sequence) => $"{modelId}-{sequence.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Splits an alert id into its model id and sequence; false when it is not an alert id.</summary>
    public static bool TryParse(string? alertId, [NotNullWhen(true)] out string? modelId, out long sequence)
    {
        modelId = null;
        sequence = 0;
        var dash = alertId?.LastIndexOf('-') ?? -1;
        if (dash <= 0
            || !long.TryParse(alertId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            || !ModelId.IsValid(alertId![..dash]))
        {
            return false;
        }
        sequence = parsed;
        modelId = alertId[..dash];
        return true;
    }

    /// <summary>The model id of an alert id; false when it is not an alert id.</summary>
    public static bool TryParseModelId(string? alertId, [NotNullWhen(true)] out string? modelId) => TryParse(alertId, out modelId, out _);

    /// <summary>
    /// Stable per (model, rule), whatever occurrence of the rule's alert: the dedup key of its notifications.
    /// The first 16 lowercase hex digits of SHA-256 over <c>modelId + "\n" + ruleId</c>.
    /// </summary>
    public static string Fingerprint(string modelId, string ruleId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(modelId + "\n" + ruleId), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
