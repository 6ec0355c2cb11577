namespace Voice.Media.Speech;

/// <summary>Why an utterance, or a speech input, ended. Names as Vonage's <c>timeout_reason</c>.</summary>
public enum SpeechEndReason
{
    /// <summary>The speaker was silent for the end-silence time.</summary>
    EndOnSilence,

    /// <summary>The utterance reached its longest duration.</summary>
    MaxDuration,

    /// <summary>No speech came within the start timeout.</summary>
    StartTimeout,

    /// <summary>The listener was stopped (a digit, a command, hangup) while speech was going on.</summary>
    Stopped,
}
