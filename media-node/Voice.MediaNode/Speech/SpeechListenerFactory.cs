using Voice.Media.Contracts;
using Voice.Media.Speech;

namespace Voice.MediaNode.Speech;

/// <summary>Builds a call's <see cref="SpeechListener"/> from a command's <see cref="SpeechSettings"/>, or says why it cannot.</summary>
public sealed class SpeechListenerFactory(SpeechRecognizers recognizers, VadModelSource vad)
{
    /// <summary>A listener on <paramref name="track"/>; <paramref name="continuous"/> for transcription.</summary>
    public (SpeechListener? Listener, string? Error) Create(SpeechSettings speech, SpeechTrack track, bool continuous, bool interimResults)
    {
        var (recognizer, unknown) = recognizers.Find(speech.Engine);
        if (recognizer is null)
        {
            return (null, unknown);
        }

        var (model, unavailable) = vad.TryGet();
        if (model is null)
        {
            return (null, unavailable);
        }

        var settings = new SpeechListenerSettings
        {
            Request = new SpeechRecognitionRequest { Language = speech.Language, Phrases = speech.Hints },
            Continuous = continuous,
            EndSilence = TimeSpan.FromSeconds(Math.Clamp(speech.EndSilenceSeconds, 0.2, 10)),
            MaxUtterance = TimeSpan.FromSeconds(Math.Clamp(speech.MaxDurationSeconds, 1, 60)),
            PartialInterval = interimResults && recognizer.GivesPartialResults ? TimeSpan.FromMilliseconds(500) : null,
        };
        return (new SpeechListener(new UtteranceDetector(recognizer, model.CreateDetector(), settings), track), null);
    }

    /// <summary>The contract's name of an end reason.</summary>
    public static string Name(SpeechEndReason reason) => reason switch
    {
        SpeechEndReason.EndOnSilence => SpeechEndReasons.EndOnSilence,
        SpeechEndReason.MaxDuration => SpeechEndReasons.MaxDuration,
        SpeechEndReason.StartTimeout => SpeechEndReasons.StartTimeout,
        _ => SpeechEndReasons.Stopped,
    };

    /// <summary>The contract's form of a result.</summary>
    public static IReadOnlyList<SpeechAlternativeResult> Results(SpeechRecognitionResult result) =>
        [.. result.Alternatives.Select(a => new SpeechAlternativeResult(a.Text, Math.Round(a.Confidence, 4)))];
}
