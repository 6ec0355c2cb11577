using Voice.Media.Playback;

namespace Voice.Media.Mixing;

/// <summary>
/// One member of a <see cref="ConferenceMixer"/>. Its session submits the audio it received each tick with
/// <see cref="SubmitInput"/> and sends what it reads from this participant (an <see cref="IAudioSource"/>): the
/// mix of everyone else it may hear. Flags can be changed from any thread and apply from the next mix.
/// </summary>
public sealed class MixerParticipant : IAudioSource
{
    private readonly object _gate = new();
    private readonly short[] _input;
    private readonly short[] _output;
    private bool _hasInput;
    private bool _hasOutput;
    private volatile bool _muted;
    private volatile bool _deaf;
    private volatile MixerParticipant? _coaching;

    internal MixerParticipant(string id, int frameSamples)
    {
        Id = id;
        _input = new short[frameSamples];
        _output = new short[frameSamples];
    }

    /// <summary>The media session this participant is, when it joined through one (a bridge may forward it).</summary>
    internal IForwardingLeg? Leg { get; init; }

    /// <summary>The host's identifier (e.g. the call id).</summary>
    public string Id { get; }

    /// <summary>Muted: nobody hears this participant.</summary>
    public bool Muted { get => _muted; set => _muted = value; }

    /// <summary>Deaf (earmuffed): this participant hears nobody.</summary>
    public bool Deaf { get => _deaf; set => _deaf = value; }

    /// <summary>Coach mode: when set, only this member hears the participant (whisper); null for normal speech.</summary>
    public MixerParticipant? Coaching { get => _coaching; set => _coaching = value; }

    /// <summary>Hands the mixer this participant's received audio for the current tick.</summary>
    public void SubmitInput(ReadOnlySpan<short> frame)
    {
        lock (_gate)
        {
            frame.CopyTo(_input);
            _hasInput = true;
        }
    }

    /// <summary>Reads the latest mix for this participant (silence when none is ready). Always true.</summary>
    public bool Read(Span<short> frame)
    {
        lock (_gate)
        {
            if (_hasOutput)
            {
                _output.CopyTo(frame);
                _hasOutput = false;
            }
            else
            {
                frame.Clear();
            }
        }

        return true;
    }

    internal bool TakeInput(Span<short> destination)
    {
        lock (_gate)
        {
            if (!_hasInput)
            {
                destination.Clear();
                return false;
            }

            _input.CopyTo(destination);
            _hasInput = false;
            return true;
        }
    }

    internal void PutOutput(ReadOnlySpan<short> frame)
    {
        lock (_gate)
        {
            frame.CopyTo(_output);
            _hasOutput = true;
        }
    }
}
