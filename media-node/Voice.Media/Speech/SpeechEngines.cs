namespace Voice.Media.Speech;

/// <summary>The recognizers' names as commands and configuration select them.</summary>
public static class SpeechEngines
{
    public const string PocketSphinx = "pocketsphinx";
    public const string Azure = "azure";
    public const string Whisper = "whisper";
}
