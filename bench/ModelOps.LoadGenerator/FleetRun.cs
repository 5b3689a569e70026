using System.Diagnostics;
using System.Globalization;
using ModelOps.Bench;
using ModelOps.Contracts;

namespace ModelOps.LoadGenerator;

/// <summary>
/// The cost of a quiet fleet: creates <c>--fleet</c> models with a few events each, waits until their windows have
/// emptied (<c>--settle</c>), then reads the server's CPU time and resident memory from <c>/proc</c> over
/// <c>--duration</c>. Memory per model is the growth of the server's resident set since before the first model, divided
/// by the models: it counts everything a model costs (grain, state, registry entry, GC slack), not only its objects.
/// </summary>
public static class FleetRun
{
    public static async Task<int> RunAsync(HttpClient http, LoadOptions options, TextWriter output)
    {
        var pid = options.ServerPid ?? throw new ArgumentException("--fleet needs --server-pid (the server's process id): its CPU and memory are read from /proc");
        var client = new ModelOpsClient(http);
        var before = ProcessSample.Read(pid);
        var created = Stopwatch.StartNew();
        var next = -1;
        var events = new SyntheticEvents(options.Features, seed: 1).Batch(options.EventsPerModel);
        async Task CreateAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < options.Fleet; i = Interlocked.Increment(ref next))
            {
                var id = $"{options.Model}-{i:D5}";
                await client.PutModelAsync(id, new ModelDefinition { Name = id, Version = "fleet", Task = ModelTask.Classification, Features = SyntheticEvents.Definitions(options.Features) });
                await client.PostEventsAsync(id, events);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(_ => Task.Run(CreateAsync)));
        output.WriteLine($"created           {options.Fleet:N0} models with {options.EventsPerModel} events each in {created.Elapsed.TotalSeconds:0.0} s ({options.Connections} connections)");
        output.WriteLine($"settling          {options.Settle.TotalSeconds:0} s, until every window has emptied");
        await Task.Delay(options.Settle);
        var start = ProcessSample.Read(pid);
        var clock = Stopwatch.StartNew();
        await Task.Delay(options.Duration);
        var end = ProcessSample.Read(pid);
        var cpu = (end.Cpu - start.Cpu) / clock.Elapsed;
        var perModel = (end.ResidentBytes - before.ResidentBytes) / (double)options.Fleet;
        output.WriteLine($"idle CPU          {cpu:P1} of one core over {clock.Elapsed.TotalSeconds:0} s");
        output.WriteLine($"resident memory   {before.ResidentBytes / 1048576.0:N0} MiB before, {end.ResidentBytes / 1048576.0:N0} MiB idle: {perModel / 1024:N1} KiB per model");
        var listed = Stopwatch.StartNew();
        var page = await client.ListModelsAsync();
        output.WriteLine($"GET /models       {page.Count:N0} models in {listed.Elapsed.TotalMilliseconds:N0} ms (every page, following Link)");
        return 0;
    }

    /// <summary>User plus system CPU time and the resident set of a process, from <c>/proc/{pid}</c>.</summary>
    private readonly record struct ProcessSample(TimeSpan Cpu, long ResidentBytes)
    {
        public static ProcessSample Read(int pid)
        {
            // The command name (field 2) may hold spaces; the fields after it are split once it is skipped.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            var resident = File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
            var kib = long.Parse(resident["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            // The kernel counts CPU time in clock ticks of USER_HZ, 100 per second on Linux.
            return new ProcessSample(TimeSpan.FromSeconds(ticks / 100.0), kib * 1024);
        }
    }
}
