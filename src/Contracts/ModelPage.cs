namespace ModelOps.Contracts;

/// <summary>
/// One page of <c>GET /api/v1/models</c>: its models, and the path of the next page (from the <c>Link</c> header,
/// rel="next"), null on the last page.
/// </summary>
public sealed record ModelPage(IReadOnlyList<ModelView> Models, string? Next);
