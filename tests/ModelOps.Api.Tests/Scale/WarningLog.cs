using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ModelOps.Api.Tests.Scale;

/// <summary>Records every log entry at warning or above, with its category and exception, from the moment <see cref="Start"/> is called.</summary>
public sealed class WarningLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> entries = new();
    private volatile bool recording;

    public IReadOnlyList<string> Entries => [.. entries];

    public void Start() => recording = true;

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(WarningLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (log.recording && IsEnabled(logLevel))
            {
                log.entries.Enqueue($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
            }
        }
    }
}
