using System.Globalization;
using ModelOps.Bench;
using ModelOps.Contracts;
using ModelOps.LoadGenerator;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

if (options.Watch)
{
    try
    {
        StreamWatch.Print(await StreamWatch.RunAsync(options.Url, options.ModelGiven ? options.Model : null, options.Duration), Console.Out);
        return 0;
    }
    catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or OperationCanceledException)
    {
        Console.Error.WriteLine($"The stream at {options.Url} could not be watched: {ex.Message}");
        return 1;
    }
}

if (options.MakeCsv is { } csvPath)
{
    ReplayRun.WriteCsv(csvPath, options.Events, options.Span);
    Console.WriteLine($"wrote {options.Events:N0} events over the {options.Span.TotalMinutes:0} min before now to {csvPath}");
    return 0;
}

using var http = LoadRun.CreateHttpClient(options);
var client = new ModelOpsClient(http);
try
{
    if (options.ReplayFile is not null)
    {
        return await ReplayRun.RunAsync(http, options, Console.Out);
    }
    if (options.Fleet > 0)
    {
        return await FleetRun.RunAsync(http, options, Console.Out);
    }
    if (!options.SkipDefine)
    {
        await client.PutModelAsync(options.Model, new ModelDefinition
        {
            Name = options.Model,
            Version = "load-test",
            Task = ModelTask.Classification,
            Features = SyntheticEvents.Definitions(options.Features),
        });
    }
    var countBefore = options.SkipDefine ? 0 : (await client.GetMetricsAsync(options.Model)).Count;
    var run = new LoadRun(http, options);
    Console.WriteLine($"model {options.Model} at {http.BaseAddress}: {options.Connections} connections for {options.Duration.TotalSeconds:0.#} s, " +
        $"batches of {options.BatchSize} events with {options.Features} features ({run.BodyBytes / 1024.0:0} KiB per body)" +
        (options.SkipDefine ? ", model left undefined" : ""));

    var result = await run.RunAsync();
    PrintFigures(result);
    if (options.SkipDefine)
    {
        return 0;
    }
    var countAfter = (await client.GetMetricsAsync(options.Model)).Count;
    return CheckCount(result, countBefore, countAfter);
}
catch (Exception ex) when (ex is HttpRequestException or ModelOpsApiException)
{
    Console.Error.WriteLine($"The server at {options.Url} could not be used: {ex.Message}");
    return 1;
}

void PrintFigures(LoadResult result)
{
    Console.WriteLine($"requests          {result.Requests:N0} in {result.Elapsed.TotalSeconds:0.0} s ({result.Requests / result.Elapsed.TotalSeconds:N0}/s)");
    Console.WriteLine($"accepted events   {result.AcceptedEvents:N0} (late {result.LateEvents:N0})");
    Console.WriteLine($"events/s          {result.EventsPerSecond:N0} accepted, {result.Requests * options.BatchSize / result.Elapsed.TotalSeconds:N0} posted");
    Console.WriteLine($"latency           p50 {Ms(result.Percentile(0.50))}  p99 {Ms(result.Percentile(0.99))}  max {Ms(result.Percentile(1))}");
    Console.WriteLine($"rejected (429)    {result.Rejected:N0}");
    var others = result.OtherStatuses.Where(pair => pair.Key != 429).OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}: {pair.Value:N0}").ToArray();
    Console.WriteLine($"other statuses    {(others.Length == 0 ? "none" : string.Join(", ", others))}");
    Console.WriteLine($"transport errors  {result.TransportErrors:N0}, timed out {result.TimedOut:N0}, cancelled at the hard stop {result.Cancelled:N0}");
    Console.WriteLine($"generator CPU     {result.GeneratorCpu.TotalSeconds:0.0} s ({result.GeneratorCpu / result.Elapsed:P0} of one core)");
}

int CheckCount(LoadResult result, long countBefore, long countAfter)
{
    Console.WriteLine($"metrics count     {countAfter:N0} (before the run {countBefore:N0}; accepted {result.AcceptedEvents:N0})");
    if (countBefore != 0)
    {
        Console.WriteLine("                  the window already held events: use a fresh --model to compare count with accepted");
        return 0;
    }
    var difference = countAfter - result.AcceptedEvents;
    Console.WriteLine(difference switch
    {
        0 => "check             every acknowledged event is in the window",
        < 0 => $"check             MISMATCH: {-difference:N0} acknowledged events are not in the window (a run longer than the window drops its oldest seconds)",
        _ => $"check             the window holds {difference:N0} events more than were acknowledged (requests cancelled at the hard stop may still have been applied)",
    });
    return difference < 0 ? 1 : 0;
}

static string Ms(TimeSpan latency) => $"{latency.TotalMilliseconds:0.0} ms";
