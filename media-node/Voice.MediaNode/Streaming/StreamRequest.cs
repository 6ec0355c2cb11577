using Voice.Media.Contracts;
using Voice.Media.Streaming;

namespace Voice.MediaNode.Streaming;

/// <summary>A start_stream command checked and turned into the media library's terms.</summary>
/// <param name="Url">The ws:// or wss:// URL.</param>
/// <param name="Framing">The dialect's wire format.</param>
/// <param name="Info">What the opening message says.</param>
/// <param name="ReturnFormat">The format of audio sent back; null for a one-way stream.</param>
internal sealed record StreamRequest(Uri Url, Func<IMediaStreamFraming> Framing, StreamSessionInfo Info, StreamAudioFormat? ReturnFormat)
{
    /// <summary>Checks <paramref name="command"/>; returns the request, or null and why.</summary>
    public static (StreamRequest? Request, string? Error) From(StartStreamCommand command)
    {
        if (!Uri.TryCreate(command.Url, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss"))
        {
            return (null, $"url must be an absolute ws:// or wss:// URL, not '{command.Url}'");
        }

        Func<IMediaStreamFraming>? framing = command.Framing switch
        {
            StreamFramings.Telnyx => () => new TelnyxStreamFraming(),
            StreamFramings.Vonage => () => new VonageStreamFraming(),
            _ => null,
        };
        if (framing is null)
        {
            return (null, $"framing must be telnyx or vonage, not '{command.Framing}'");
        }

        var tracks = command.Track switch
        {
            "inbound" => StreamTracks.Inbound,
            "outbound" => StreamTracks.Outbound,
            "both" => StreamTracks.Both,
            _ => StreamTracks.None,
        };
        if (tracks == StreamTracks.None)
        {
            return (null, $"track must be inbound, outbound or both, not '{command.Track}'");
        }

        if (Format(command.Codec, command.SampleRate) is not { } format)
        {
            return (null, $"codec {command.Codec} at {command.SampleRate} Hz is not supported (PCMU or PCMA at 8000, L16 at 8000 or 16000)");
        }

        if (command.Framing == StreamFramings.Vonage && format.Encoding != StreamEncoding.L16)
        {
            return (null, "vonage streams carry L16 only");
        }

        StreamAudioFormat? returnFormat = null;
        if (command.Bidirectional)
        {
            returnFormat = Format(command.ReturnCodec ?? command.Codec, command.ReturnSampleRate ?? command.SampleRate);
            if (returnFormat is null)
            {
                return (null, $"return codec {command.ReturnCodec} at {command.ReturnSampleRate} Hz is not supported");
            }
        }

        var info = new StreamSessionInfo
        {
            StreamId = command.StreamId,
            Format = format,
            Tracks = tracks,
            Fields = command.Fields ?? new Dictionary<string, string>(),
            CustomParameters = command.CustomParameters ?? new Dictionary<string, string>(),
        };
        return (new StreamRequest(url, framing, info, returnFormat), null);
    }

    private static StreamAudioFormat? Format(string codec, int rate) =>
        StreamAudioFormat.TryParseEncoding(codec, out var encoding) && new StreamAudioFormat(encoding, rate) is { IsSupported: true } format ? format : null;
}
