using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace IcpFiling.Testing;

/// <summary>A Serilog sink that keeps the test host's log events, so tests can assert that nothing was logged as an error.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    /// <summary>The Error and Fatal events, rendered with their exception type, for assertion messages.</summary>
    public IReadOnlyList<string> Errors => _events
        .Where(e => e.Level >= LogEventLevel.Error)
        .Select(e => $"{e.Level}: {e.RenderMessage()} {e.Exception?.GetType().Name}")
        .ToList();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}
