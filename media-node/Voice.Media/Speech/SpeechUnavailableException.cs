namespace Voice.Media.Speech;

/// <summary>A speech engine cannot serve: not configured, its model or library missing, or all its decoders busy. The message says which and how to fix it.</summary>
public sealed class SpeechUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
