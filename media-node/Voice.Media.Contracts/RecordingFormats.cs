namespace Voice.Media.Contracts;

/// <summary>The file formats a recording can be saved in (<see cref="RecordCommand.Format"/>).</summary>
public static class RecordingFormats
{
    /// <summary>16-bit PCM WAV at 8 kHz (the default).</summary>
    public const string Wav = "wav";

    /// <summary>MP3, encoded from the WAV when the recording ends.</summary>
    public const string Mp3 = "mp3";

    /// <summary>True for a format the node saves.</summary>
    public static bool IsKnown(string? format) => format is Wav or Mp3;
}
