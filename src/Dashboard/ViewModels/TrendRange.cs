namespace ModelOps.Dashboard.ViewModels;

/// <summary>
/// What the trend charts span: the live window, per second from the stream, or the last <see cref="Span"/>, per minute
/// from <c>GET …/metrics/history</c>.
/// </summary>
public sealed record TrendRange(string Key, string Label, TimeSpan? Span)
{
    public static readonly TrendRange Live = new("live", "Live", null);

    /// <summary>The choices of the range picker, shortest first.</summary>
    public static readonly IReadOnlyList<TrendRange> All =
    [
        Live,
        new("15m", "15 min", TimeSpan.FromMinutes(15)),
        new("1h", "1 h", TimeSpan.FromHours(1)),
        new("6h", "6 h", TimeSpan.FromHours(6)),
        new("24h", "24 h", TimeSpan.FromHours(24)),
    ];

    public bool IsLive => Span is null;

    public static TrendRange ByKey(string key) => All.FirstOrDefault(range => range.Key == key) ?? Live;
}
