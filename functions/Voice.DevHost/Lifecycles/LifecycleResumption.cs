namespace Voice.DevHost.Lifecycles;

/// <summary>
/// At start, before the media-events pump runs, resumes the lifecycles a previous DevHost left unfinished (see
/// <see cref="InProcessLifecycleRunner.ResumeAsync"/>), so the events waiting in the queue find their instances.
/// </summary>
public sealed class LifecycleResumption(InProcessLifecycleRunner runner, ILogger<LifecycleResumption> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var resumed = await runner.ResumeAsync(cancellationToken);
        if (resumed > 0)
        {
            logger.LogInformation("Resumed {Count} unfinished call and conference lifecycles", resumed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
