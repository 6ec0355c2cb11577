namespace Voice.Media.Speech;

/// <summary>
/// Adds a faint white-noise floor (RMS about 40, −58 dBFS) to audio going to a recognizer. Clean audio — TTS on the
/// outbound track, a digitally silent WebRTC or SIP peer — has stretches of exact zeros that a real line never has;
/// pocketsphinx's cepstral normalisation then goes wrong and, measured on the espeak-ng corpus, it misses phrases it
/// gets right with line noise. Deterministic (a fixed-seed generator), so the same audio recognizes the same way.
/// </summary>
internal sealed class NoiseFloor
{
    // Each uniform in [-1, 1) has RMS 1/√3, their sum √(2/3): this scale gives the sum an RMS of 40.
    private static readonly double Scale = 40 / Math.Sqrt(2.0 / 3);
    private uint _state = 0x9E3779B9;

    public void AddTo(Span<short> samples)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            // Sum of two uniforms: a cheap, roughly Gaussian sample.
            var value = (Next() + Next()) * Scale;
            samples[i] = (short)Math.Clamp(samples[i] + Math.Round(value), short.MinValue, short.MaxValue);
        }
    }

    /// <summary>Uniform in [-1, 1) from xorshift32.</summary>
    private double Next()
    {
        _state ^= _state << 13;
        _state ^= _state >> 17;
        _state ^= _state << 5;
        return (_state / 2147483648.0) - 1;
    }
}
