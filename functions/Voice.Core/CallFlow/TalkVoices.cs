namespace Voice.Core.CallFlow;

/// <summary>
/// The TTS voice for Vonage's <c>language</c> and <c>style</c> (its SDK never sends a voice name, compat-notes §0.12):
/// the lower-cased language is the node's espeak-ng voice, and a style picks one of its variants (0: the language's
/// default voice, then alternately female and male variants), so styles sound different as they do on Vonage.
/// </summary>
public static class TalkVoices
{
    private static readonly string[] Variants = ["", "+f3", "+m3", "+f2", "+m2", "+f4", "+m4"];

    public static string For(string? language, int? style) =>
        (language ?? "en-US").ToLowerInvariant() + Variants[(style ?? 0) % Variants.Length];
}
