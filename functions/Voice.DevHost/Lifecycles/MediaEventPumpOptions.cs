namespace Voice.DevHost.Lifecycles;

/// <summary>How DevHost's <see cref="MediaEventPump"/> reads <c>media-events</c> (<c>DevHost:MediaEvents</c>).</summary>
public sealed class MediaEventPumpOptions
{
    /// <summary>How long a received message stays hidden: the time to handle it, and the wait before a failed one is tried again.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries of a message whose handling keeps failing before it goes to <c>media-events-poison</c> (host.json's <c>maxDequeueCount</c>).</summary>
    public int MaxAttempts { get; set; } = 5;
}
