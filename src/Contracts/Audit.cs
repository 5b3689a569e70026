namespace ModelOps.Contracts;

/// <summary>
/// One change made through the API (<c>GET /api/v1/audit</c>): who made it, from where, when, and what it was.
/// </summary>
/// <param name="Sequence">Numbers the entries in the order they were recorded, from 1; never reused.</param>
/// <param name="At">When the change was recorded (just after it was applied).</param>
/// <param name="Actor">The name of the API key that made it; <c>loopback</c> for anonymous loopback access, <c>anonymous</c> without authentication.</param>
/// <param name="KeyId">The id of that API key; null without one.</param>
/// <param name="From">The client's IP address as the server saw it.</param>
/// <param name="Action">The operation, by its OpenAPI operation id: <c>PutModel</c>, <c>PutChannel</c>, <c>AcknowledgeAlert</c>, …</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path (without the query), at most 512 characters.</param>
/// <param name="ModelId">The model it concerns (from the path, or the alert's model); null for fleet-wide changes (channels, silences, keys).</param>
/// <param name="Status">The HTTP status of the answer.</param>
public sealed record AuditEntry(
    long Sequence, DateTimeOffset At, string Actor, string? KeyId, string? From, string Action, string Method, string Path, string? ModelId, int Status);
