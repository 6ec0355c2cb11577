using System.Collections.Concurrent;
using Voice.Media.Contracts;
using Voice.MediaNode.Storage;

namespace Voice.MediaNode.Events;

/// <summary>
/// Sends media events to the <c>media-events</c> queue. Stamps each event with a fresh id, the time and the
/// call's next sequence number (1, 2, 3… per call id), so the lifecycle can drop repeats and restore order.
/// Queue failures surface as exceptions after the SDK's own retries.
/// </summary>
public sealed class MediaEventPublisher(VoiceStorageClients storage, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> sequences = new(StringComparer.Ordinal);

    /// <summary>Stamps and sends <paramref name="mediaEvent"/>; returns the event as sent.</summary>
    public async Task<MediaEvent> PublishAsync(MediaEvent mediaEvent, CancellationToken cancellationToken = default)
    {
        var stamped = mediaEvent with
        {
            Id = Guid.NewGuid().ToString("N"),
            Seq = sequences.AddOrUpdate(mediaEvent.CallId, 1, static (_, seq) => seq + 1),
            Time = time.GetUtcNow(),
        };
        await storage.Events.SendMessageAsync(MediaContract.Serialize(stamped), cancellationToken);
        return stamped;
    }

    /// <summary>Reports a failure as an <c>error</c> event.</summary>
    public Task<MediaEvent> PublishErrorAsync(string callId, string? commandId, string code, string message, CancellationToken cancellationToken = default) =>
        PublishAsync(new MediaErrorEvent { Id = "", CallId = callId, CommandId = commandId, Code = code, Message = message }, cancellationToken);

    /// <summary>Drops the sequence counter of a call that will emit no more events.</summary>
    public void Forget(string callId) => sequences.TryRemove(callId, out _);
}
