using System.Diagnostics;
using Voice.Media.Clock;
using Voice.Media.Sessions;

namespace Voice.Bench.Media;

/// <summary>Ticks a session and records when its packet left, relative to the tick's deadline.</summary>
internal sealed class PacedSessionTarget(MediaSession session, PacingStatistics pacing) : IMediaClockTarget
{
    public void OnTick(in MediaTick tick)
    {
        session.OnTick(tick);
        pacing.Record((Stopwatch.GetTimestamp() - tick.Deadline) * 1_000_000 / Stopwatch.Frequency);
    }
}
