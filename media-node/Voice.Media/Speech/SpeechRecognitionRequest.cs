namespace Voice.Media.Speech;

/// <summary>What one recognition listens for.</summary>
public sealed record SpeechRecognitionRequest
{
    /// <summary>BCP-47 language of the speech.</summary>
    public string Language { get; init; } = "en-US";

    /// <summary>
    /// Expected phrases (hints, context). Empty: free speech. pocketsphinx turns them into a closed grammar (it then
    /// only ever answers one of them); Azure and Whisper take them as a bias, where they can.
    /// </summary>
    public IReadOnlyList<string> Phrases { get; init; } = [];

    /// <summary>True when <see cref="ISpeechRecognitionStream.Partial"/> is wanted while the audio comes in (it may cost a second decoding).</summary>
    public bool PartialResults { get; init; }
}
