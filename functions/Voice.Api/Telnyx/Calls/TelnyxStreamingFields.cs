using Voice.Api.Http;
using Voice.Core.Calls;
using Voice.Core.Commands;

namespace Voice.Api.Telnyx;

/// <summary>
/// Telnyx media streaming fields (<c>stream_url</c>, <c>stream_track</c>, <c>stream_codec</c>,
/// <c>stream_bidirectional_*</c>, <c>stream_auth_token</c>, <c>custom_parameters</c>) as read by
/// <c>streaming_start</c>, dial and answer, into the engine's <see cref="StartStreaming"/> in Telnyx framing. What the
/// node cannot do is refused naming the field: G.722/Opus/AMR-WB, MP3 bidirectional mode, target legs other than
/// the call itself, Dialogflow. <c>stream_codec</c> L16 is sent at 16 kHz; <c>default</c> is PCMU (the node's calls
/// are G.711). Without <c>stream_bidirectional_mode</c> the stream is one-way: audio the peer sends is ignored.
/// </summary>
public static class TelnyxStreamingFields
{
    private static readonly string[] Tracks = ["inbound_track", "outbound_track", "both_tracks"];
    private static readonly string[] Codecs = ["PCMU", "PCMA", "L16", "default", "G722", "OPUS", "AMR-WB"];
    private static readonly string[] ReturnCodecs = ["PCMU", "PCMA", "L16", "G722", "OPUS", "AMR-WB"];
    private static readonly string[] Modes = ["rtp", "mp3"];
    private static readonly string[] TargetLegs = ["self", "both", "opposite"];

    /// <summary>Reads the fields; null when there is no <c>stream_url</c> (and it is not <paramref name="required"/>) or a field is wrong.</summary>
    public static StartStreaming? Read(BodyFields f, string commandId, string? clientState, bool required)
    {
        var url = f.Text("stream_url", required, maxLength: 2048);
        if (url is null)
        {
            return null;
        }

        f.Require(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss", "stream_url", "'stream_url' must be an absolute ws:// or wss:// URL");
        var track = f.OneOf("stream_track", Tracks) ?? "inbound_track";
        var codec = f.OneOf("stream_codec", Codecs) ?? "default";
        f.Require(codec is "PCMU" or "PCMA" or "L16" or "default", "stream_codec", $"'stream_codec' {codec} is not supported: use PCMU, PCMA, L16 or default");
        var mode = f.OneOf("stream_bidirectional_mode", Modes);
        f.Require(mode != "mp3", "stream_bidirectional_mode", "'stream_bidirectional_mode' mp3 is not supported: use rtp and send audio in 'stream_bidirectional_codec'");
        var returnCodec = f.OneOf("stream_bidirectional_codec", ReturnCodecs) ?? "PCMU";
        f.Require(returnCodec is "PCMU" or "PCMA" or "L16", "stream_bidirectional_codec", $"'stream_bidirectional_codec' {returnCodec} is not supported: use PCMU, PCMA or L16");
        var returnRate = f.WholeNumber("stream_bidirectional_sampling_rate", 8000, 48000) ?? (returnCodec == "L16" ? 16000 : 8000);
        f.Require(returnRate == 8000 || (returnRate == 16000 && returnCodec == "L16"), "stream_bidirectional_sampling_rate", "'stream_bidirectional_sampling_rate' must be 8000, or 16000 with L16");
        var legs = f.OneOf("stream_bidirectional_target_legs", TargetLegs) ?? "self";
        f.Require(legs == "self", "stream_bidirectional_target_legs", "'stream_bidirectional_target_legs' must be self: the audio is played into this call");
        var token = f.Text("stream_auth_token", maxLength: 4000);
        f.Require(f.Flag("enable_dialogflow") != true, "enable_dialogflow", "Dialogflow streaming is not supported");
        f.Require(f.Nested("dialogflow_config") is null, "dialogflow_config", "Dialogflow streaming is not supported");
        var parameters = CustomParameters(f);
        if (f.Error is not null)
        {
            return null;
        }

        return new StartStreaming
        {
            CommandId = commandId,
            ClientState = clientState,
            StreamId = Guid.NewGuid().ToString(),
            Url = url,
            Framing = "telnyx",
            Track = track switch { "outbound_track" => "outbound", "both_tracks" => "both", _ => "inbound" },
            Codec = codec == "default" ? "PCMU" : codec,
            SampleRate = codec == "L16" ? 16000 : 8000,
            Bidirectional = mode == "rtp",
            ReturnCodec = returnCodec,
            ReturnSampleRate = returnRate,
            AuthToken = token,
            CustomParameters = parameters,
        };
    }

    /// <summary>The <c>start</c> message's fields about <paramref name="call"/>, as Telnyx names them.</summary>
    public static StartStreaming ForCall(StartStreaming stream, CallRecord call) => stream with
    {
        Fields = new Dictionary<string, string>
        {
            ["user_id"] = call.AccountId,
            ["call_control_id"] = TelnyxIds.CallControlId(call.Id),
            ["call_session_id"] = TelnyxIds.Uuid(TelnyxActiveCall.SessionCallId(call)),
            ["from"] = call.From,
            ["to"] = call.To,
            ["client_state"] = stream.ClientState ?? call.ClientState ?? "",
        },
    };

    private static Dictionary<string, string> CustomParameters(BodyFields f)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in f.NestedList("custom_parameters", 20) ?? [])
        {
            var name = item.Text("name", required: true, maxLength: 128);
            var value = item.Text("value", required: true, maxLength: 1024);
            if (name is not null && value is not null)
            {
                parameters[name] = value;
            }
        }

        return parameters;
    }
}
