namespace Voice.Media.Clock;

/// <summary>
/// Something the <see cref="MediaClock"/> ticks every period (a media session, a conference mixer). Called on
/// a clock thread; must do a bounded amount of work, never block, and never throw (exceptions are caught,
/// counted and the target keeps being ticked).
/// </summary>
public interface IMediaClockTarget
{
    /// <summary>Runs one period of media work.</summary>
    void OnTick(in MediaTick tick);
}

/// <summary>One tick of the media clock.</summary>
/// <param name="Index">Tick number since the clock started (gaps when ticks were skipped under overload).</param>
/// <param name="Deadline">The absolute <see cref="System.Diagnostics.Stopwatch"/> timestamp this tick was due at.</param>
public readonly record struct MediaTick(long Index, long Deadline);
