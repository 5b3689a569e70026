using System.Net;
using System.Net.Http.Headers;

namespace ModelOps.Contracts;

/// <summary>
/// A request body streamed from a <see cref="Stream"/> that reports the bytes written so far after every buffer.
/// The source is read once, from its current position, and left open for its owner.
/// </summary>
/// <remarks>
/// In the browser, <see cref="HttpClient"/> hands the whole body to <c>fetch</c> before sending it (streaming uploads
/// need HTTP/2), so there the count is of bytes read from the file into the request, the slow part of an upload
/// from a WebAssembly page.
/// </remarks>
public sealed class ProgressContent : HttpContent
{
    public const int DefaultBufferSize = 64 * 1024;

    private readonly Stream source;
    private readonly IProgress<long>? progress;
    private readonly int bufferSize;

    public ProgressContent(Stream source, string mediaType, IProgress<long>? progress, int bufferSize = DefaultBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize);
        this.source = source;
        this.progress = progress;
        this.bufferSize = bufferSize;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new byte[bufferSize];
        long sent = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            sent += read;
            progress?.Report(sent);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = source.CanSeek ? source.Length - source.Position : 0;
        return source.CanSeek;
    }
}
