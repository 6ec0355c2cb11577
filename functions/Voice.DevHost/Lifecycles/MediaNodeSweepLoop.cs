using Microsoft.Extensions.Options;
using Voice.Engine.Nodes;

namespace Voice.DevHost.Lifecycles;

/// <summary>
/// DevHost's stand-in for the Functions timer trigger <c>MediaNodeSweep</c>: one sweep every
/// <see cref="MediaNodeFleetOptions.SweepInterval"/>. A failed pass is logged and the next one runs as usual.
/// </summary>
public sealed class MediaNodeSweepLoop(MediaNodeSweep sweep, IOptions<MediaNodeFleetOptions> options, TimeProvider clock, ILogger<MediaNodeSweepLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await sweep.SweepAsync(stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogWarning(error, "Media node sweep failed; the next one runs in {Interval}", options.Value.SweepInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
