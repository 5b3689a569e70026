using System.Globalization;
using System.Net;

namespace ModelOps.LoadGenerator;

/// <summary>What to send, where, and for how long. Only loopback servers are accepted: this tool is a flood.</summary>
public sealed record LoadOptions
{
    public const string Usage =
        "usage: ModelOps.LoadGenerator [--url http://127.0.0.1:5000] [--connections 4] [--duration 30s] " +
        "[--batch 1000] [--features 10] [--model bench-load] [--distinct-batches 4] [--skip-define] [--durable]\n" +
        "       ModelOps.LoadGenerator --watch [--url http://127.0.0.1:5000] [--duration 30s] [--model id]\n" +
        "       ModelOps.LoadGenerator --fleet 10000 --server-pid PID [--events-per-model 3] [--settle 5m10s] [--duration 60s] [--model prefix]\n" +
        "       ModelOps.LoadGenerator --replay events.csv --model id [--url …] [--batch 1000] [--connections 4] [--durable]\n" +
        "       ModelOps.LoadGenerator --make-csv events.csv [--events 200000] [--span 60m]";

    public Uri Url { get; init; } = new("http://127.0.0.1:5000");
    public int Connections { get; init; } = 4;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public int BatchSize { get; init; } = 1_000;
    public int Features { get; init; } = 10;
    public string Model { get; init; } = "bench-load";

    /// <summary>Whether <c>--model</c> was given: a watch names the model to the stream only then.</summary>
    public bool ModelGiven { get; init; }

    /// <summary>Send nothing: watch <c>/api/v1/stream</c> as one idle client and count the bytes it receives (<see cref="StreamWatch"/>).</summary>
    public bool Watch { get; init; }

    /// <summary>Bodies are serialised once, up front; a few distinct ones keep the server from seeing one byte pattern.</summary>
    public int DistinctBatches { get; init; } = 4;

    /// <summary>
    /// Post to a model that is never defined: every batch is read, parsed and answered 404 by the grain, which
    /// separates the server's HTTP and JSON cost from the window update.
    /// </summary>
    public bool SkipDefine { get; init; }

    /// <summary>Create this many models with a few events each and measure the server idle (<see cref="FleetRun"/>); 0 runs the flood.</summary>
    public int Fleet { get; init; }

    /// <summary>The server's process id, whose CPU time and resident memory a fleet run reads from <c>/proc</c>.</summary>
    public int? ServerPid { get; init; }

    /// <summary>Events posted to each model of a fleet run.</summary>
    public int EventsPerModel { get; init; } = 3;

    /// <summary>How long a fleet run waits after the last model before measuring: the window (5 min) and a little more, so every window is empty.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(310);

    /// <summary>Post with <c>?durable=true</c>: each answer waits for the checkpoint that stores its batch.</summary>
    public bool Durable { get; init; }

    /// <summary>Stream this CSV file of historical events into <see cref="Model"/> (<see cref="ReplayRun"/>).</summary>
    public string? ReplayFile { get; init; }

    /// <summary>Write a CSV of <see cref="Events"/> synthetic events over the <see cref="Span"/> before now to this file, and send nothing.</summary>
    public string? MakeCsv { get; init; }

    public int Events { get; init; } = 200_000;

    public TimeSpan Span { get; init; } = TimeSpan.FromHours(1);

    /// <exception cref="ArgumentException">An unknown flag, a missing or malformed value, or a non-loopback URL.</exception>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag == "--skip-define")
            {
                options = options with { SkipDefine = true };
                continue;
            }
            if (flag == "--durable")
            {
                options = options with { Durable = true };
                continue;
            }
            if (flag == "--watch")
            {
                options = options with { Watch = true };
                continue;
            }
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{flag} needs a value");
            options = flag switch
            {
                "--url" => options with { Url = ParseLoopbackUrl(value) },
                "--connections" => options with { Connections = ParseCount(flag, value, max: 1_024) },
                "--duration" => options with { Duration = ParseDuration(value) },
                "--batch" => options with { BatchSize = ParseCount(flag, value, max: 1_000_000) },
                "--features" => options with { Features = ParseCount(flag, value, max: 1_000) },
                "--model" => options with { Model = value, ModelGiven = true },
                "--fleet" => options with { Fleet = ParseCount(flag, value, max: 1_000_000) },
                "--server-pid" => options with { ServerPid = ParseCount(flag, value, max: int.MaxValue) },
                "--events-per-model" => options with { EventsPerModel = ParseCount(flag, value, max: 10_000) },
                "--settle" => options with { Settle = ParseDuration(value) },
                "--replay" => options with { ReplayFile = File.Exists(value) ? value : throw new ArgumentException($"--replay: no file {value}") },
                "--make-csv" => options with { MakeCsv = value },
                "--events" => options with { Events = ParseCount(flag, value, max: 100_000_000) },
                "--span" => options with { Span = ParseDuration(value) },
                "--distinct-batches" => options with { DistinctBatches = ParseCount(flag, value, max: 64) },
                _ => throw new ArgumentException($"unknown option {flag}"),
            };
        }
        return options;
    }

    /// <summary>localhost, 127.0.0.0/8 or [::1]; anything else is refused before a single request is made.</summary>
    private static Uri ParseLoopbackUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"--url: '{value}' is not an http(s) URL");
        }
        var loopback = url.HostNameType switch
        {
            UriHostNameType.IPv4 or UriHostNameType.IPv6 => IPAddress.IsLoopback(IPAddress.Parse(url.DnsSafeHost)),
            UriHostNameType.Dns => string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
        return loopback
            ? url
            : throw new ArgumentException($"--url: refusing '{url.Host}': only localhost, 127.x.x.x and [::1] may be loaded");
    }

    private static int ParseCount(string flag, string value, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= max
            ? number
            : throw new ArgumentException($"{flag}: expected a whole number between 1 and {max}, got '{value}'");

    /// <summary>30s, 2m, 500ms, a bare number of seconds, or a TimeSpan such as 00:00:30; at most an hour.</summary>
    private static TimeSpan ParseDuration(string value)
    {
        TimeSpan? parsed = value switch
        {
            _ when value.EndsWith("ms", StringComparison.Ordinal) && double.TryParse(value[..^2], CultureInfo.InvariantCulture, out var ms) => TimeSpan.FromMilliseconds(ms),
            _ when value.EndsWith('s') && double.TryParse(value[..^1], CultureInfo.InvariantCulture, out var s) => TimeSpan.FromSeconds(s),
            _ when value.EndsWith('m') && double.TryParse(value[..^1], CultureInfo.InvariantCulture, out var m) => TimeSpan.FromMinutes(m),
            _ when double.TryParse(value, CultureInfo.InvariantCulture, out var seconds) => TimeSpan.FromSeconds(seconds),
            _ when TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) => span,
            _ => null,
        };
        return parsed is { } duration && duration > TimeSpan.Zero && duration <= TimeSpan.FromHours(1)
            ? duration
            : throw new ArgumentException($"--duration: expected something like 30s, 2m or 500ms (at most an hour), got '{value}'");
    }
}
