using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ModelOps.Contracts;

namespace ModelOps.LoadGenerator;

/// <summary>
/// Backfill: streams a CSV file of historical events (the header of <c>POST …/events</c> as <c>text/csv</c>: id,
/// timestamp, prediction, score, latencyMs, label, feature.&lt;name&gt;) into a model in chunks of <c>--batch</c> rows,
/// each chunk with the header, over <c>--connections</c> connections. A 429 is retried after its Retry-After; a
/// dropped connection is retried under the chunk's <c>Idempotency-Key</c>, so nothing is counted twice; any other
/// answer stops the replay with the problem it gave. The file is split at line ends, so a quoted cell may not span
/// lines here (the endpoint itself takes them).
/// </summary>
public static class ReplayRun
{
    private static readonly MediaTypeHeaderValue Csv = new("text/csv") { CharSet = "utf-8" };
    private const int MaxAttempts = 100;

    public static async Task<int> RunAsync(HttpClient http, LoadOptions options, TextWriter output)
    {
        var path = $"api/v1/models/{Uri.EscapeDataString(options.Model)}/events{(options.Durable ? "?durable=true" : "")}";
        using var file = new StreamReader(options.ReplayFile!, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = await file.ReadLineAsync() ?? throw new ArgumentException($"--replay: {options.ReplayFile} is empty");
        var runKey = $"replay-{Guid.NewGuid():N}";
        var chunks = Channel.CreateBounded<(int Index, string Body, int Rows)>(options.Connections * 2);
        var (accepted, late, rows, retries) = (0L, 0L, 0L, 0L);
        using var stop = new CancellationTokenSource();
        string? failure = null;
        var started = Stopwatch.GetTimestamp();

        async Task SendAsync()
        {
            await foreach (var (index, body, count) in chunks.Reader.ReadAllAsync(stop.Token))
            {
                for (var attempt = 1; ; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
                    request.Content.Headers.ContentType = Csv;
                    request.Headers.Add("Idempotency-Key", $"{runKey}-{index}");
                    TimeSpan pause;
                    try
                    {
                        using var response = await http.SendAsync(request, stop.Token);
                        var text = await response.Content.ReadAsStringAsync(stop.Token);
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            var result = JsonSerializer.Deserialize(text, ModelOpsJsonContext.Default.IngestResult)!;
                            Interlocked.Add(ref accepted, result.Accepted);
                            Interlocked.Add(ref late, result.Late);
                            Interlocked.Add(ref rows, count);
                            break;
                        }
                        if (response.StatusCode != HttpStatusCode.TooManyRequests)
                        {
                            failure ??= $"chunk {index} (file lines {index * options.BatchSize + 2}–{index * options.BatchSize + count + 1}): {(int)response.StatusCode} {text}";
                            await stop.CancelAsync();
                            return;
                        }
                        pause = response.Headers.RetryAfter?.Delta
                            ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null)
                            ?? TimeSpan.FromSeconds(1);
                    }
                    catch (HttpRequestException) when (attempt < MaxAttempts)
                    {
                        pause = TimeSpan.FromSeconds(1);
                    }
                    Interlocked.Increment(ref retries);
                    await Task.Delay(pause > TimeSpan.Zero ? pause : TimeSpan.Zero, stop.Token);
                }
            }
        }

        var senders = Enumerable.Range(0, options.Connections).Select(_ => Task.Run(SendAsync)).ToArray();
        try
        {
            var chunk = new StringBuilder();
            var (index, inChunk) = (0, 0);
            while (await file.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }
                if (inChunk == 0)
                {
                    chunk.Clear().Append(header).Append('\n');
                }
                chunk.Append(line).Append('\n');
                if (++inChunk == options.BatchSize)
                {
                    await chunks.Writer.WriteAsync((index++, chunk.ToString(), inChunk), stop.Token);
                    inChunk = 0;
                }
            }
            if (inChunk > 0)
            {
                await chunks.Writer.WriteAsync((index, chunk.ToString(), inChunk), stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        chunks.Writer.TryComplete();
        try
        {
            await Task.WhenAll(senders);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        output.WriteLine($"replayed          {rows:N0} events of {options.ReplayFile} into {options.Model} in {elapsed.TotalSeconds:0.0} s: {rows / elapsed.TotalSeconds:N0} events/s");
        output.WriteLine($"answers           accepted {accepted:N0} (late, older than the window: {late:N0}); retries after 429 or a dropped connection {retries:N0}");
        if (failure is not null)
        {
            output.WriteLine($"stopped           {failure}");
            return 1;
        }
        return 0;
    }

    /// <summary>
    /// A CSV of <paramref name="count"/> synthetic events spread evenly over the <paramref name="span"/> before now, oldest
    /// first: a classifier with an amount and a country, every other event labelled.
    /// </summary>
    public static void WriteCsv(string path, int count, TimeSpan span)
    {
        using var file = new StreamWriter(path, append: false, new UTF8Encoding(false));
        file.Write("id,timestamp,prediction,score,latencyMs,label,feature.amount,feature.country\n");
        var random = new Random(42);
        var end = DateTimeOffset.UtcNow.AddSeconds(-1);
        string[] countries = ["DE", "FR", "US", "GB", "IT"];
        for (var i = 0; i < count; i++)
        {
            var at = end - span * ((double)(count - 1 - i) / Math.Max(1, count - 1));
            var fraud = random.NextDouble() < 0.1;
            var score = fraud ? 0.5 + random.NextDouble() / 2 : random.NextDouble() / 2;
            var truth = random.NextDouble() < 0.9 ? fraud : !fraud;
            var label = i % 2 != 0 ? "" : truth ? "fraud" : "legit";
            file.Write(string.Create(CultureInfo.InvariantCulture,
                $"replay-{i},{at.UtcDateTime:O},{(fraud ? "fraud" : "legit")},{score:0.###},{5 + random.NextDouble() * 40:0.##},{label},{random.NextDouble() * 500:0.##},{countries[i % countries.Length]}\n"));
        }
    }
}
