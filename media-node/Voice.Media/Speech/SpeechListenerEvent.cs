namespace Voice.Media.Speech;

/// <summary>What a <see cref="SpeechListener"/> reports; <see cref="At"/> is stream time since it started.</summary>
public abstract record SpeechListenerEvent(TimeSpan At);

/// <summary>The VAD heard speech begin (barge-in stops prompts on this).</summary>
public sealed record SpeechStarted(TimeSpan At) : SpeechListenerEvent(At);

/// <summary>The recognizer's guess so far changed.</summary>
public sealed record SpeechPartial(TimeSpan At, string Text) : SpeechListenerEvent(At);

/// <summary>An utterance's final result (empty when nothing was recognized) and why it ended.</summary>
public sealed record SpeechFinal(TimeSpan At, SpeechRecognitionResult Result, SpeechEndReason Reason, TimeSpan Duration) : SpeechListenerEvent(At);

/// <summary>No speech within the start timeout; the listener ends.</summary>
public sealed record SpeechTimedOut(TimeSpan At) : SpeechListenerEvent(At);

/// <summary>The recognizer failed (unavailable, a bad answer); the listener ends.</summary>
public sealed record SpeechFailed(TimeSpan At, string Reason) : SpeechListenerEvent(At);
