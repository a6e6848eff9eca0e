using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Hosting;

/// <summary>
/// Counts failed sign-ins per account and client address (in this process's memory), so that an address that
/// keeps guessing one account's password is paused for that account without locking the owner out elsewhere.
/// The cache has a size limit: a flood of made-up e-mails evicts old entries instead of growing memory.
/// </summary>
public sealed class SignInThrottle(IOptions<SecurityOptions> options) : IDisposable
{
    private const int MaxEntries = 100_000;

    private readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    private SignInThrottleOptions Settings => options.Value.SignIn;

    public bool IsPaused(string normalizedEmail, string clientAddress) =>
        _failures.TryGetValue(Key(normalizedEmail, clientAddress), out Counter? counter) && counter!.Count >= Settings.FailuresPerAddress;

    /// <summary>Counts a wrong password; true when this failure used up the address's attempts for the account.</summary>
    public bool RecordFailure(string normalizedEmail, string clientAddress)
    {
        var key = Key(normalizedEmail, clientAddress);
        var counter = _failures.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(Settings.AddressPauseMinutes);
            return new Counter();
        })!;
        return Interlocked.Increment(ref counter.Count) == Settings.FailuresPerAddress;
    }

    public void Reset(string normalizedEmail, string clientAddress) => _failures.Remove(Key(normalizedEmail, clientAddress));

    public void Dispose() => _failures.Dispose();

    private static string Key(string normalizedEmail, string clientAddress) => $"{clientAddress}\n{normalizedEmail}";

    private sealed class Counter
    {
        public int Count;
    }
}
