using Voice.Media.Clock;
using Voice.Media.Recording;

namespace Voice.Media.Mixing;

/// <summary>
/// N−1 conference mixer. Each mix sums every speaking participant's frame in 32-bit, then gives each listener
/// the sum minus its own contribution plus whoever coaches it, clipped to 16 bits. Muted participants are not
/// heard, deaf ones hear silence, a coaching participant is heard only by the member it coaches. A two-leg
/// bridge is this mixer with two participants (each hears the other). Register it with the
/// <see cref="MediaClock"/> (it mixes on every tick) or call <see cref="Mix"/> directly. A missing input
/// (the member's session did not submit this tick) counts as silence. With a <see cref="Recorder"/> every mix also
/// writes what a silent listener would hear: every speaking participant summed (whispers excluded), clipped to 16 bits.
/// </summary>
public sealed class ConferenceMixer : IMediaClockTarget
{
    private readonly object _gate = new();
    private readonly int _frameSamples;
    private volatile MixerParticipant[] _participants = [];
    private short[][] _inputs = [];
    private bool[] _speaking = [];
    private readonly int[] _sum;
    private readonly int[] _heard;
    private readonly short[] _mix;
    private readonly short[] _silence;
    private volatile WavRecorder? _recorder;
    private readonly BridgeForwarding _forwarding;

    /// <summary>Creates an empty mixer for frames of <paramref name="frameSamples"/> samples.</summary>
    public ConferenceMixer(int frameSamples = 160)
    {
        _forwarding = new BridgeForwarding(this);
        _frameSamples = frameSamples;
        _sum = new int[frameSamples];
        _heard = new int[frameSamples];
        _mix = new short[frameSamples];
        _silence = new short[frameSamples];
    }

    /// <summary>
    /// Where the mix is recorded (a conference recording), or null. Set from any thread; applies from the next mix. A
    /// recorder is written on the media clock thread, which only copies into its buffers.
    /// </summary>
    public WavRecorder? Recorder
    {
        get => _recorder;
        set
        {
            _recorder = value;
            if (value is not null)
            {
                _forwarding.Stop(); // the recording needs every leg's audio decoded, from this mix on
            }
        }
    }

    /// <summary>Current participants.</summary>
    public IReadOnlyList<MixerParticipant> Participants => _participants;

    /// <summary>Frames mixed so far (ticks while both legs of a bridge forward included).</summary>
    public long MixCount { get; private set; }

    /// <summary>True while this mixer is a bridge whose legs forward each other's packets both ways (nothing is mixed).</summary>
    public bool IsForwarding => _forwarding.BothForwarding;

    internal MixerParticipant[] ParticipantArray => _participants;

    /// <summary>Adds a participant.</summary>
    public MixerParticipant Join(string id) => Join(id, null);

    /// <summary>Adds a participant that is <paramref name="leg"/> (which a two-member mixer may forward, see <see cref="BridgeForwarding"/>).</summary>
    internal MixerParticipant Join(string id, IForwardingLeg? leg)
    {
        var participant = new MixerParticipant(id, _frameSamples) { Leg = leg };
        lock (_gate)
        {
            _participants = [.. _participants, participant];
        }

        // A third member must hear the others from now: both legs decode and mix again.
        _forwarding.Stop();
        return participant;
    }

    /// <summary>Removes a participant (and stops anyone coaching it from being heard by it).</summary>
    public bool Leave(MixerParticipant participant)
    {
        lock (_gate)
        {
            var before = _participants.Length;
            _participants = _participants.Where(p => !ReferenceEquals(p, participant)).ToArray();
            if (_participants.Length == before)
            {
                return false;
            }
        }

        _forwarding.Stop();
        return true;
    }

    /// <inheritdoc />
    public void OnTick(in MediaTick tick) => Mix();

    /// <summary>Runs one mix: takes every participant's submitted frame and publishes every participant's output.</summary>
    public void Mix()
    {
        var participants = _participants;
        var n = participants.Length;
        if (n == 2 && _forwarding.Update(participants, _recorder is not null))
        {
            MixCount++;
            return; // both legs forward each other's packets: nothing reaches the mix
        }

        if (_inputs.Length < n)
        {
            _inputs = Enumerable.Range(0, n).Select(_ => new short[_frameSamples]).ToArray();
            _speaking = new bool[n];
        }

        Array.Clear(_sum);
        for (var p = 0; p < n; p++)
        {
            var participant = participants[p];
            _speaking[p] = participant.TakeInput(_inputs[p]) && !participant.Muted;
            if (_speaking[p] && participant.Coaching is null)
            {
                Accumulate(_sum, _inputs[p], 1);
            }
        }

        if (_recorder is { } recorder)
        {
            Clip(_sum, _mix);
            recorder.WriteFrame(_mix, _silence);
        }

        for (var p = 0; p < n; p++)
        {
            var listener = participants[p];
            if (listener.Deaf)
            {
                Array.Clear(_mix);
                listener.PutOutput(_mix);
                continue;
            }

            _sum.CopyTo(_heard, 0);
            if (_speaking[p] && listener.Coaching is null)
            {
                Accumulate(_heard, _inputs[p], -1);
            }

            for (var c = 0; c < n; c++)
            {
                if (_speaking[c] && ReferenceEquals(participants[c].Coaching, listener))
                {
                    Accumulate(_heard, _inputs[c], 1);
                }
            }

            Clip(_heard, _mix);
            listener.PutOutput(_mix);
        }

        MixCount++;
    }

    private static void Clip(int[] sum, short[] frame)
    {
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (short)Math.Clamp(sum[i], short.MinValue, short.MaxValue);
        }
    }

    private static void Accumulate(int[] sum, short[] frame, int sign)
    {
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += sign * frame[i];
        }
    }
}
