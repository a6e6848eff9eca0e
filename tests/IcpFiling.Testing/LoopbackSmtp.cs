using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace IcpFiling.Testing;

/// <summary>
/// A real SMTP server on loopback (SmtpServer), on a port the system picks: the console's mail goes over a real SMTP
/// conversation and tests read what arrived.
/// </summary>
public sealed partial class LoopbackSmtp : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    private LoopbackSmtp(SmtpServer.SmtpServer server, Task running, int port)
    {
        _server = server;
        _running = running;
        Port = port;
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Received => [.. _received];

    /// <summary>The console's settings that send mail here (no TLS: loopback only).</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "ICP Filing <no-reply@icpfiling.test>",
    };

    public static async Task<LoopbackSmtp> StartAsync()
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        LoopbackSmtp? self = null;
        var store = new Store(message => self!.Add(message));
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        services.Add(listeners);
        var server = new SmtpServer.SmtpServer(options, services);
        var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        var port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        self = new LoopbackSmtp(server, running, port);
        self._stop.Token.Register(stop.Cancel);
        return self;
    }

    /// <summary>Waits for the next message to <paramref name="to"/>.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = _received.LastOrDefault(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase)));
            if (found is not null)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"No mail to {to} arrived.");
            }
        }
    }

    /// <summary>The first https or http link in the message's text.</summary>
    public static string LinkIn(MimeMessage message) =>
        Link().Match(message.TextBody ?? "") is { Success: true } match ? match.Value : throw new InvalidOperationException("The message has no link.");

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    private void Add(MimeMessage message)
    {
        _received.Enqueue(message);
        _arrived.Release();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _server.Shutdown();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
        {
            // Stopped.
        }

        _stop.Dispose();
        _arrived.Dispose();
    }

    private sealed class Store(Action<MimeMessage> add) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            add(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
