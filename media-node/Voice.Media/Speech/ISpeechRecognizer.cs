namespace Voice.Media.Speech;

/// <summary>
/// A speech-to-text engine (pocketsphinx in-process, Azure AI Speech, Whisper). It opens one
/// <see cref="ISpeechRecognitionStream"/> per utterance; <see cref="Open"/> is thread-safe, a stream is used by one
/// task. Audio is 16 kHz 16-bit mono: the node's 8 kHz call audio is upsampled before it gets here.
/// </summary>
public interface ISpeechRecognizer
{
    /// <summary>The engine's name as commands select it: <c>pocketsphinx</c>, <c>azure</c>, <c>whisper</c>.</summary>
    string Name { get; }

    /// <summary>True when the engine gives partial results while the audio comes in.</summary>
    bool GivesPartialResults { get; }

    /// <summary>Opens a recognition of one utterance.</summary>
    /// <exception cref="SpeechUnavailableException">The engine is not configured, its model is missing, or it is busy.</exception>
    /// <exception cref="ArgumentException">The request cannot be served (a language it lacks, phrases it cannot use).</exception>
    ISpeechRecognitionStream Open(SpeechRecognitionRequest request);
}
