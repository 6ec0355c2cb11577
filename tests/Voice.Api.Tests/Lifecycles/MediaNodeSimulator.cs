using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Api.Tests.Lifecycles;

/// <summary>
/// Plays the media-node's side of the queue contract for tests of the functions side: puts events on the real
/// <c>media-events</c> queue (Azurite) with per-call sequence numbers, exactly as the node does.
/// </summary>
internal sealed class MediaNodeSimulator(StorageClients storage)
{
    private readonly Dictionary<string, long> sequences = [];

    public async Task SendAsync(MediaEvent mediaEvent)
    {
        var seq = sequences[mediaEvent.CallId] = sequences.GetValueOrDefault(mediaEvent.CallId) + 1;
        var json = MediaContract.Serialize(mediaEvent with { Seq = seq, Time = DateTimeOffset.UtcNow });
        await storage.Queues.GetQueueClient(MediaQueues.Events).SendMessageAsync(json);
    }

    public static string NewId() => Guid.NewGuid().ToString("N");
}
