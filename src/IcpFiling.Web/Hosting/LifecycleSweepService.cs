using IcpFiling.Core.Inventory;
using Microsoft.Extensions.Options;

namespace IcpFiling.Web.Hosting;

/// <summary>How often the lifecycle sweep runs (section <c>Lifecycle</c>); zero turns it off.</summary>
public sealed class LifecycleOptions
{
    public const string SectionName = "Lifecycle";

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Runs the lifecycle sweep on every node: instances whose expiry passed are ended and their unused numbers
/// made Invalid for good. Several nodes sweeping at once is safe (see <see cref="InstanceLifecycle"/>); pages
/// stay right between sweeps because they judge a number by its instance's state too.
/// </summary>
internal sealed partial class LifecycleSweepService(
    IServiceScopeFactory scopes, IOptionsMonitor<LifecycleOptions> options, IHostApplicationLifetime lifetime,
    ILogger<LifecycleSweepService> logger) : BackgroundService
{
    /// <summary>The first sweep waits this long after the server listens: a starting node answers its first requests first.</summary>
    private static readonly TimeSpan FirstSweepDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.StartedAsync(stoppingToken))
        {
            return;
        }

        await Task.Delay(FirstSweepDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        var first = true;
        while (!stoppingToken.IsCancellationRequested && options.CurrentValue.SweepInterval > TimeSpan.Zero)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<InstanceLifecycle>().SweepAsync(stoppingToken, endLeftovers: first);
                first = false;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed sweep (the database away for a moment) is tried again next time; the app keeps serving.
                LogSweepFailed(exception);
            }

            await Task.Delay(options.CurrentValue.SweepInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lifecycle sweep failed; it runs again at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
