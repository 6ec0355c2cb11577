namespace Voice.Media.Tts;

/// <summary>
/// Speech synthesis failed: espeak-ng is not installed (the message says how to install it), the voice does not
/// exist, or the process failed or timed out.
/// </summary>
public sealed class TtsUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TtsUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TtsUnavailableException()
        : this("text-to-speech is unavailable")
    {
    }

    /// <summary>Creates the exception.</summary>
    public TtsUnavailableException(string message)
        : this(message, null)
    {
    }
}
