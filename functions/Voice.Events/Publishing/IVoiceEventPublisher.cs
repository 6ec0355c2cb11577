using Voice.Core.Events;

namespace Voice.Events.Publishing;

/// <summary>
/// Publishes engine events. When the returned task completes the events are accepted durably (by Event Grid,
/// or persisted by the local delivery service) and will reach every subscriber at least once; when it throws,
/// nothing may be assumed and the caller publishes again (event ids make repeats harmless).
/// </summary>
public interface IVoiceEventPublisher
{
    Task PublishAsync(IReadOnlyList<VoiceEvent> events, CancellationToken cancellationToken);
}
