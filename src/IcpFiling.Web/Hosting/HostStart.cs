namespace IcpFiling.Web.Hosting;

internal static class HostStart
{
    /// <summary>Waits until the server listens: true then, false when the host stops first.</summary>
    public static async Task<bool> StartedAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return started.Task.IsCompletedSuccessfully;
    }
}
