using Voice.Core.Commands;
using Voice.Media.Contracts.Addressing;

namespace Voice.Core.CallFlow;

/// <summary>Reads each NCCO action's fields (names, ranges and defaults as Vonage documents them, narrowed to what the media-node executes).</summary>
internal static class CallFlowActionReaders
{
    public static TalkAction? Talk(ActionFieldReader reader)
    {
        var text = reader.String("text", required: true, CallFlowParser.MaxTalkTextLength);
        var language = reader.String("language", required: false, maxLength: 16);
        if (language is not null && !IsLanguageTag(language))
        {
            reader.Fail("language", "must be a BCP-47 language tag such as en-US");
        }

        var loop = reader.Int("loop", 0, 100, 1);
        var bargeIn = reader.Bool("bargeIn", false);
        reader.Number("level", -1, 1);
        var style = reader.OptionalInt("style", 0, 99);
        reader.Bool("premium", false);
        reader.String("voiceName", required: false, maxLength: 32);
        return text is null ? null : new TalkAction
        {
            Text = text,
            Voice = TalkVoices.For(language, style),
            Loop = loop,
            BargeIn = bargeIn,
        };
    }

    public static CallFlowAction? Stream(ActionFieldReader reader)
    {
        var url = reader.Url("streamUrl", required: true, webSocket: true);
        if (url is not null && url.StartsWith("ws", StringComparison.OrdinalIgnoreCase))
        {
            return WebSocketStream(reader, url);
        }

        var loop = reader.Int("loop", 0, 100, 1);
        var bargeIn = reader.Bool("bargeIn", false);
        reader.Number("level", -1, 1);
        return url is null ? null : new StreamAction { StreamUrl = url, Loop = loop, BargeIn = bargeIn };
    }

    private static readonly string[] Framings = ["vonage", "telnyx"];
    private static readonly string[] Tracks = ["inbound", "outbound", "both"];
    private static readonly string[] ContentTypes = ["audio/l16;rate=8000", "audio/l16;rate=16000", "audio/pcmu", "audio/pcma"];

    /// <summary>A <c>stream</c> to a WebSocket: <c>framing</c>, <c>contentType</c>, <c>track</c>, <c>bidirectional</c>, <c>headers</c> (strings).</summary>
    private static WebSocketStreamAction? WebSocketStream(ActionFieldReader reader, string url)
    {
        var framing = reader.String("framing", required: false, maxLength: 16) ?? "vonage";
        if (!Framings.Contains(framing))
        {
            reader.Fail("framing", "must be vonage or telnyx");
        }

        var contentType = (reader.String("contentType", required: false, maxLength: 32) ?? "audio/l16;rate=16000").ToLowerInvariant();
        if (!ContentTypes.Contains(contentType))
        {
            reader.Fail("contentType", "must be audio/l16;rate=8000, audio/l16;rate=16000, audio/pcmu or audio/pcma");
        }
        else if (framing == "vonage" && !contentType.StartsWith("audio/l16", StringComparison.Ordinal))
        {
            reader.Fail("contentType", "vonage framing carries audio/l16 only");
        }

        var track = reader.String("track", required: false, maxLength: 16) ?? "inbound";
        if (!Tracks.Contains(track))
        {
            reader.Fail("track", "must be inbound, outbound or both");
        }

        var bidirectional = reader.Bool("bidirectional", true);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.Object("headers", required: false) is { } headerReader && reader.Raw("headers", required: false) is { } raw)
        {
            foreach (var property in raw.EnumerateObject())
            {
                if (property.Value.ValueKind != System.Text.Json.JsonValueKind.String)
                {
                    headerReader.Fail(property.Name, "must be a string");
                    reader.Adopt(headerReader.Error!);
                    break;
                }

                headers[property.Name] = property.Value.GetString()!;
            }
        }

        return reader.Error is not null ? null : new WebSocketStreamAction
        {
            Url = url,
            Framing = framing,
            Codec = contentType switch { "audio/pcmu" => "PCMU", "audio/pcma" => "PCMA", _ => "L16" },
            SampleRate = contentType == "audio/l16;rate=16000" ? 16000 : 8000,
            Track = track,
            Bidirectional = bidirectional,
            Headers = headers,
        };
    }

    public static InputAction? Input(ActionFieldReader reader)
    {
        var types = reader.StringArray("type", maxItems: 2);
        if (types is null && !reader.Has("type"))
        {
            reader.Fail("type", "is required");
        }
        else if (types is not null && (types.Count == 0 || types.Any(t => t is not "dtmf" and not "speech") || types.Distinct().Count() != types.Count))
        {
            reader.Fail("type", "must be [\"dtmf\"], [\"speech\"] or [\"dtmf\", \"speech\"]");
        }

        var wantsSpeech = types?.Contains("speech") == true;
        var speech = reader.Object("speech", required: false);
        if (speech is not null && !wantsSpeech)
        {
            reader.Fail("speech", "needs \"speech\" in type");
        }

        var (speechSettings, startTimeout) = speech is null ? (wantsSpeech ? new SpeechInput() : null, 10.0) : ReadSpeech(reader, speech);

        var dtmf = reader.Object("dtmf", required: false);
        var maxDigits = dtmf?.Int("maxDigits", 1, 20, 4) ?? 4;
        var submitOnHash = dtmf?.Bool("submitOnHash", false) ?? false;
        var timeOut = dtmf?.Int("timeOut", 0, 10, 3) ?? 3;
        if (dtmf is not null)
        {
            dtmf.RejectUnknownProperties();
            if (dtmf.Error is not null)
            {
                reader.Adopt(dtmf.Error);
                return null;
            }
        }

        var eventUrl = reader.Webhook("eventUrl", "eventMethod", required: false, defaultMethod: "POST");
        return new InputAction
        {
            Dtmf = types?.Contains("dtmf") != false,
            Speech = speechSettings,
            SpeechStartTimeoutSeconds = startTimeout,
            MaxDigits = maxDigits,
            SubmitOnHash = submitOnHash,
            TimeOutSeconds = timeOut,
            EventUrl = eventUrl,
        };
    }

    /// <summary>
    /// An input's speech object (Vonage's ranges). <c>uuid</c> (the leg to listen to: this call) and
    /// <c>sensitivity</c> are accepted and not used; <c>saveAudio: true</c> is refused (not built).
    /// </summary>
    private static (SpeechInput? Speech, double StartTimeoutSeconds) ReadSpeech(ActionFieldReader input, ActionFieldReader speech)
    {
        var context = speech.StringArray("context", maxItems: 100);
        if (context?.FirstOrDefault(c => c.Length > 100) is { } tooLong)
        {
            speech.Fail("context", $"phrases must be at most 100 characters (\"{tooLong[..20]}…\")");
        }

        var language = speech.String("language", required: false, maxLength: 16);
        if (language is not null && !IsLanguageTag(language))
        {
            speech.Fail("language", "must be a BCP-47 language tag such as en-US");
        }

        var endOnSilence = speech.OptionalNumber("endOnSilence", 0.4, 10);
        var startTimeout = speech.OptionalNumber("startTimeout", 1, 60);
        var maxDuration = speech.OptionalNumber("maxDuration", 1, 60);
        speech.StringArray("uuid", maxItems: 1);
        speech.Number("sensitivity", 0, 100);
        if (speech.Bool("saveAudio", false))
        {
            speech.Fail("saveAudio", "saving the speech audio is not supported; record the call instead");
        }

        speech.RejectUnknownProperties();
        if (speech.Error is not null)
        {
            input.Adopt(speech.Error);
            return (null, 10);
        }

        return (new SpeechInput
        {
            Hints = context ?? [],
            Language = language ?? "en-US",
            EndSilenceSeconds = endOnSilence ?? 2,
            MaxDurationSeconds = maxDuration ?? 60,
        }, startTimeout ?? 10);
    }

    public static RecordAction? Record(ActionFieldReader reader)
    {
        var format = reader.String("format", required: false, maxLength: 8);
        if (format is not null and not "wav" and not "mp3")
        {
            reader.Fail("format", "must be \"wav\" or \"mp3\" (ogg is not recorded)");
        }

        var split = reader.String("split", required: false, maxLength: 16);
        if (split is not null and not "conversation")
        {
            reader.Fail("split", "must be \"conversation\"");
        }

        var channels = reader.OptionalInt("channels", 1, 2);
        if (channels is not null && split is null)
        {
            reader.Fail("channels", "needs split: \"conversation\"");
        }

        var endOnKey = reader.String("endOnKey", required: false, maxLength: 1);
        if (endOnKey is not null && !"0123456789*#".Contains(endOnKey[0]))
        {
            reader.Fail("endOnKey", "must be one of 0-9, * or #");
        }

        var record = new RecordAction
        {
            Format = format ?? "wav",
            Channels = channels ?? (split is null ? 1 : 2),
            EndOnSilenceSeconds = reader.OptionalInt("endOnSilence", 3, 10),
            EndOnKey = endOnKey,
            TimeOutSeconds = reader.OptionalInt("timeOut", 3, 7200),
            BeepStart = reader.Bool("beepStart", false),
            EventUrl = reader.Webhook("eventUrl", "eventMethod", required: false, defaultMethod: "POST"),
        };
        return record;
    }

    public static CallFlowAction? Connect(ActionFieldReader reader)
    {
        if (ConnectWebSocketReader.TryRead(reader, out var webSocket))
        {
            return webSocket;
        }

        var endpoint = ConnectEndpointOf(reader);
        var from = reader.String("from", required: false, maxLength: 16);
        string? normalizedFrom = null;
        if (from is not null && (normalizedFrom = E164Number.FromDigits(from)?.Value) is null)
        {
            reader.Fail("from", "must be a phone number of 7..15 digits (E.164, optional leading +)");
        }

        var timeout = reader.Int("timeout", 1, 600, 60);
        var limit = reader.Int("limit", 1, 7200, 7200);
        var eventType = reader.String("eventType", required: false, maxLength: 16);
        if (eventType is not null and not "synchronous")
        {
            reader.Fail("eventType", "must be \"synchronous\"");
        }

        var eventUrl = reader.Webhook("eventUrl", "eventMethod", required: false, defaultMethod: "POST");
        var randomFrom = reader.Bool("randomFromNumber", false);
        if (randomFrom && from is not null)
        {
            reader.Fail("randomFromNumber", "cannot be combined with from");
        }

        var ringback = reader.Url("ringbackTone", required: false);
        var machineDetection = ConnectMachineDetection(reader);
        return endpoint is null || reader.Error is not null ? null : new ConnectAction
        {
            Endpoint = endpoint,
            From = normalizedFrom,
            TimeoutSeconds = timeout,
            LimitSeconds = limit,
            EventUrl = eventUrl,
            RingbackToneUrl = ringback,
            MachineDetection = machineDetection,
        };
    }

    public static ConversationAction? Conversation(ActionFieldReader reader)
    {
        var name = reader.String("name", required: true, maxLength: 100);
        if (name is not null && !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            reader.Fail("name", "may only contain letters, digits, '-', '_' and '.'");
        }

        var canSpeak = reader.StringArray("canSpeak", maxItems: 1);
        var canHear = reader.StringArray("canHear", maxItems: 250);
        var mute = reader.Bool("mute", false);
        if (mute && canSpeak is not null)
        {
            reader.Fail("mute", "cannot be combined with canSpeak");
        }

        var action = new ConversationAction
        {
            Name = name ?? "",
            MusicOnHoldUrl = reader.Url("musicOnHoldUrl", required: false),
            StartOnEnter = reader.Bool("startOnEnter", true),
            EndOnExit = reader.Bool("endOnExit", false),
            Record = reader.Bool("record", false),
            Mute = mute,
            CanSpeak = canSpeak,
            CanHear = canHear,
            EventUrl = reader.Webhook("eventUrl", "eventMethod", required: false, defaultMethod: "POST"),
        };
        return name is null ? null : action;
    }

    public static NotifyAction? Notify(ActionFieldReader reader)
    {
        var payload = reader.RawObject("payload", required: true, maxLength: 16 * 1024);
        var eventUrl = reader.Webhook("eventUrl", "eventMethod", required: true, defaultMethod: "POST");
        return payload is null || eventUrl is null ? null : new NotifyAction { PayloadJson = payload, EventUrl = eventUrl };
    }

    private static readonly string[] MachineBehaviours = ["continue", "hangup"];

    /// <summary><c>machineDetection</c> (continue | hangup) or <c>advancedMachineDetection</c> {behavior, mode, beep_timeout}.</summary>
    private static string? ConnectMachineDetection(ActionFieldReader reader)
    {
        var simple = reader.String("machineDetection", required: false, maxLength: 16);
        if (simple is not null && !MachineBehaviours.Contains(simple))
        {
            reader.Fail("machineDetection", "must be continue or hangup");
        }

        if (reader.Object("advancedMachineDetection", required: false) is not { } advanced)
        {
            return simple;
        }

        var behaviour = advanced.String("behavior", required: false, maxLength: 16) ?? "continue";
        if (!MachineBehaviours.Contains(behaviour))
        {
            advanced.Fail("behavior", "must be continue or hangup");
        }

        var mode = advanced.String("mode", required: false, maxLength: 16);
        if (mode is not null and not ("default" or "detect" or "detect_beep"))
        {
            advanced.Fail("mode", "must be default, detect or detect_beep");
        }

        advanced.OptionalInt("beep_timeout", 45, 120);
        advanced.RejectUnknownProperties();
        if (advanced.Error is not null)
        {
            reader.Adopt(advanced.Error);
        }

        if (simple is not null)
        {
            reader.Fail("advancedMachineDetection", "cannot be combined with machineDetection");
        }

        return behaviour;
    }

    private static ConnectEndpoint? ConnectEndpointOf(ActionFieldReader reader)
    {
        var raw = reader.Raw("endpoint", required: true);
        if (raw is not { } array)
        {
            return null;
        }

        if (array.ValueKind != System.Text.Json.JsonValueKind.Array || array.GetArrayLength() != 1)
        {
            reader.Fail("endpoint", "must be an array with exactly one endpoint");
            return null;
        }

        if (array[0].ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            reader.Fail("endpoint/0", "must be an object");
            return null;
        }

        var item = new ActionFieldReader(array[0], reader.PathOf("endpoint/0"));
        var type = item.String("type", required: true, maxLength: 16);
        ConnectEndpoint? endpoint = null;
        switch (type)
        {
            case null:
                break;
            case "phone":
                var number = item.String("number", required: true, maxLength: 16);
                var e164 = E164Number.FromDigits(number)?.Value;
                if (number is not null && e164 is null)
                {
                    item.Fail("number", "must be a phone number of 7..15 digits (E.164, optional leading +)");
                }

                var dtmfAnswer = item.String("dtmfAnswer", required: false, maxLength: 64);
                if (dtmfAnswer is not null && !dtmfAnswer.All(c => char.IsAsciiDigit(c) || c is '*' or '#' or 'p'))
                {
                    item.Fail("dtmfAnswer", "must hold only 0-9, *, # and p (a pause)");
                }

                endpoint = e164 is null ? null : new ConnectEndpoint("phone", e164) { DtmfAnswer = dtmfAnswer?.Replace("p", "", StringComparison.Ordinal) is { Length: > 0 } d ? d : null };
                break;
            case "sip":
                var uri = item.String("uri", required: true, maxLength: 256);
                if (uri is not null && !DialableSipUri.IsValid(uri))
                {
                    item.Fail("uri", "must be a sip: or sips: URI");
                }

                endpoint = uri is null ? null : new ConnectEndpoint("sip", uri);
                break;
            default:
                item.Fail("type", $"unsupported endpoint type \"{type}\" (expected phone, sip or websocket)");
                break;
        }

        item.RejectUnknownProperties();
        if (item.Error is not null)
        {
            reader.Adopt(item.Error);
            return null;
        }

        return endpoint;
    }

    internal static bool IsLanguageTag(string tag)
    {
        var parts = tag.Split('-');
        return parts.Length <= 2 &&
               parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetter) &&
               (parts.Length == 1 || (parts[1].Length is >= 2 and <= 4 && parts[1].All(char.IsAsciiLetterOrDigit)));
    }
}
