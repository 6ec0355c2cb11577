namespace Voice.Media.Dtmf;

/// <summary>How a DTMF digit was received.</summary>
public enum DtmfSource
{
    /// <summary>RFC 4733 telephone-event packets.</summary>
    Rfc4733,

    /// <summary>In-band tones found by the Goertzel detector.</summary>
    InBand,
}

/// <summary>A received DTMF digit.</summary>
/// <param name="Digit">0-9, *, #, A-D.</param>
/// <param name="DurationMilliseconds">Reported or measured duration.</param>
/// <param name="Source">How it was received.</param>
public readonly record struct DtmfDigitDetected(char Digit, int DurationMilliseconds, DtmfSource Source);
