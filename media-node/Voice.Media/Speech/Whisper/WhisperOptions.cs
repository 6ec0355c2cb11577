namespace Voice.Media.Speech.Whisper;

/// <summary>Whisper (whisper.cpp through Whisper.net) with a ggml model file the operator provides; nothing is downloaded.</summary>
public sealed record WhisperOptions
{
    /// <summary>Path of a ggml model (e.g. <c>ggml-base.en.bin</c>); unset means Whisper is not available.</summary>
    public string? ModelPath { get; init; }

    /// <summary>Utterances decoded at once; each holds its own decoder state next to the shared model.</summary>
    public int MaxConcurrent { get; init; } = 2;

    /// <summary>CPU threads per decode.</summary>
    public int Threads { get; init; } = 2;
}
