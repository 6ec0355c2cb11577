namespace Voice.MediaNode.Calls;

/// <summary>
/// Decides when a leg's far end has gone silent: no RTP and no RTCP for the timeout while the leg is not held. Fed
/// samples of the received-packet count; pure (the caller supplies the time), so it is tested without waiting.
/// </summary>
public sealed class MediaInactivityWatch
{
    private readonly TimeSpan timeout;
    private long lastCount = -1;
    private DateTimeOffset lastActivity;

    /// <summary>A watch that expires after <paramref name="timeout"/> of silence; zero or less never expires.</summary>
    public MediaInactivityWatch(TimeSpan timeout) => this.timeout = timeout;

    /// <summary>False when the timeout is zero: the watch never expires and needs no sampling.</summary>
    public bool IsEnabled => timeout > TimeSpan.Zero;

    /// <summary>How often to sample: often enough to end a dead leg within a small fraction of the timeout.</summary>
    public TimeSpan SamplePeriod => TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond));

    /// <summary>
    /// Records a sample: <paramref name="packetsReceived"/> is the running count of RTP and RTCP packets from the far end.
    /// True once that count has not moved for the timeout. A held leg (either side) is expected to be silent, so a held
    /// sample restarts the wait: taking a call off hold gives its media the whole timeout to resume.
    /// </summary>
    public bool Expired(DateTimeOffset now, long packetsReceived, bool held)
    {
        if (held || packetsReceived != lastCount)
        {
            lastCount = packetsReceived;
            lastActivity = now;
            return false;
        }

        return IsEnabled && now - lastActivity >= timeout;
    }
}
