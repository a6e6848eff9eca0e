namespace IcpFiling.Core.Changes;

/// <summary>
/// Lets one change at a time into its transaction where the database engine admits only one writer
/// (SQLite). Waiters queue here asynchronously, in arrival order, instead of each opening a transaction
/// that then spins on the engine's busy lock on a thread-pool thread. Server engines lock rows, not the
/// database, so they get <see cref="Open"/>, which never waits.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim? _oneWriter;
    private int _waiting;

    private WriteGate(SemaphoreSlim? oneWriter) => _oneWriter = oneWriter;

    /// <summary>For engines with row locks: every change goes straight in.</summary>
    public static WriteGate Open { get; } = new(null);

    /// <summary>For a single-writer engine: one gate per database file in this process.</summary>
    public static WriteGate OneWriterAtATime() => new(new SemaphoreSlim(1, 1));

    public bool Serializes => _oneWriter is not null;

    /// <summary>Changes waiting for the gate right now (tests watch it to know a change is queued).</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for the gate; disposing the result lets the next change in.</summary>
    public async ValueTask<Pass> EnterAsync(CancellationToken cancellationToken)
    {
        if (_oneWriter is null)
        {
            return default;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            await _oneWriter.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return new Pass(_oneWriter);
    }

    public void Dispose()
    {
        if (!ReferenceEquals(this, Open))
        {
            _oneWriter?.Dispose();
        }
    }

    /// <summary>Held while a change runs.</summary>
    public readonly struct Pass(SemaphoreSlim? held) : IDisposable
    {
        public void Dispose() => held?.Release();
    }
}
