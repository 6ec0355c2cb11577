using System.Text.Json;
using Microsoft.Extensions.Logging;
using Voice.Media.Contracts;

namespace Voice.Engine.Lifecycles;

/// <summary>
/// Handles one <c>media-events</c> queue message: reads the event and routes it with <see cref="MediaEventRouter"/>.
/// The one handler behind the Functions queue trigger and DevHost's pump. A message that is not a media event is
/// reported as <see cref="MediaEventOutcome.Malformed"/> (each host then sets it aside) and never retried.
/// </summary>
public sealed class MediaEventMessages(MediaEventRouter router, ILogger<MediaEventMessages> logger)
{
    public async Task<MediaEventOutcome> HandleAsync(string message, ILifecycleHost host, CancellationToken cancellationToken)
    {
        MediaEvent mediaEvent;
        try
        {
            mediaEvent = MediaContract.DeserializeEvent(message);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            logger.LogWarning("malformed media event ({Reason}): {Message}", e.Message, message.Length > 200 ? message[..200] + "…" : message);
            return MediaEventOutcome.Malformed;
        }

        await router.RouteAsync(mediaEvent, host, cancellationToken);
        return MediaEventOutcome.Routed;
    }
}

/// <summary>What became of a media-events message.</summary>
public enum MediaEventOutcome
{
    Routed,
    Malformed,
}
