using Voice.Api.Http;
using Voice.Core.Calls;

namespace Voice.Api.Telefon;

/// <summary>
/// A call's transcript on the wire (<c>GET /v1/voice/calls/{id}/transcript</c>; not in the Telefon v1 spec): the final
/// utterances of its transcriptions in spoken order, inbound = the caller, outbound = what the call played.
/// </summary>
public sealed record TelefonTranscript(string CallId, IReadOnlyList<TelefonTranscriptSegment> Segments)
{
    public static TelefonTranscript Of(string callId, IReadOnlyList<TranscriptSegment> segments) =>
        new(callId, [.. segments.Select(s => new TelefonTranscriptSegment(s.Track, s.Text, s.Confidence, s.StartMs, s.DurationMs, ApiJson.Rfc3339(s.At)!))]);
}

/// <summary>One utterance of a <see cref="TelefonTranscript"/>.</summary>
public sealed record TelefonTranscriptSegment(string Track, string Text, double Confidence, long StartMs, long DurationMs, string DateCreated);
