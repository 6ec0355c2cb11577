using Voice.Core.CallFlow;
using Voice.Core.Commands;

namespace Voice.Core.Tests.CallFlow;

public sealed class CallFlowParserTests
{
    private static CallFlowDocument Valid(string json)
    {
        var result = CallFlowParser.Parse(json);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }

    private static string ErrorOf(string? json)
    {
        var result = CallFlowParser.Parse(json);
        Assert.False(result.IsSuccess, "expected the document to be rejected");
        return result.Error.ToString();
    }

    [Fact]
    public void Talk_with_defaults_speaks_once_in_english_without_barge_in()
    {
        var talk = Assert.IsType<TalkAction>(Assert.Single(Valid("""[{"action":"talk","text":"Hello"}]""").Actions));
        Assert.Equal("Hello", talk.Text);
        Assert.Equal("en-us", talk.Voice);
        Assert.Equal(1, talk.Loop);
        Assert.False(talk.BargeIn);
    }

    [Fact]
    public void Talk_language_and_style_become_the_voice_and_vonage_tts_extras_are_accepted()
    {
        var talk = (TalkAction)Valid("""[{"action":"talk","text":"Hallo","language":"de-DE","style":2,"premium":true,"level":"0.4","loop":"3"}]""").Actions[0];
        Assert.Equal("de-de+m3", talk.Voice);
        Assert.Equal(3, talk.Loop);
    }

    [Fact]
    public void Stream_accepts_a_url_array_or_a_plain_url()
    {
        var fromArray = (StreamAction)Valid("""[{"action":"stream","streamUrl":["https://example.com/a.wav"],"loop":0}]""").Actions[0];
        var fromString = (StreamAction)Valid("""[{"action":"stream","streamUrl":"http://example.com/b.wav"}]""").Actions[0];
        Assert.Equal("https://example.com/a.wav", fromArray.StreamUrl);
        Assert.Equal(0, fromArray.Loop);
        Assert.Equal("http://example.com/b.wav", fromString.StreamUrl);
    }

    [Fact]
    public void Input_reads_dtmf_settings_and_event_url_with_post_by_default()
    {
        var input = (InputAction)Valid("""
            [{"action":"input","type":["dtmf"],"dtmf":{"maxDigits":2,"submitOnHash":true,"timeOut":7},
              "eventUrl":["https://example.com/ivr"]}]
            """).Actions[0];
        Assert.Equal(2, input.MaxDigits);
        Assert.True(input.SubmitOnHash);
        Assert.Equal(7, input.TimeOutSeconds);
        Assert.Equal(new WebhookTarget("https://example.com/ivr", "POST"), input.EventUrl);
    }

    [Fact]
    public void Input_without_dtmf_settings_uses_vonage_defaults()
    {
        var input = (InputAction)Valid("""[{"action":"input","type":["dtmf"],"eventUrl":"https://example.com/x","eventMethod":"get"}]""").Actions[0];
        Assert.Null(input.Speech);
        Assert.True(input.Dtmf);
        Assert.Equal(4, input.MaxDigits);
        Assert.False(input.SubmitOnHash);
        Assert.Equal(3, input.TimeOutSeconds);
        Assert.Equal("GET", input.EventUrl!.Method);
    }

    [Fact]
    public void Record_with_split_conversation_records_two_channels_and_an_end_condition_makes_it_synchronous()
    {
        var record = (RecordAction)Valid("""
            [{"action":"record","format":"wav","split":"conversation","endOnSilence":3,"endOnKey":"#","timeOut":60,
              "beepStart":true,"eventUrl":["https://example.com/rec"]}]
            """).Actions[0];
        Assert.Equal(2, record.Channels);
        Assert.Equal(3, record.EndOnSilenceSeconds);
        Assert.Equal("#", record.EndOnKey);
        Assert.Equal(60, record.TimeOutSeconds);
        Assert.True(record.BeepStart);
        Assert.True(record.IsSynchronous);
    }

    [Fact]
    public void Record_without_end_condition_runs_in_the_background()
    {
        var record = (RecordAction)Valid("""[{"action":"record"}]""").Actions[0];
        Assert.Equal(1, record.Channels);
        Assert.False(record.IsSynchronous);
    }

    [Fact]
    public void Connect_to_a_phone_normalizes_numbers_to_e164()
    {
        var connect = (ConnectAction)Valid("""
            [{"action":"connect","from":"447700900000","timeout":20,"limit":60,"eventType":"synchronous",
              "endpoint":[{"type":"phone","number":"447700900001"}],"eventUrl":["https://example.com/leg"]}]
            """).Actions[0];
        Assert.Equal(new ConnectEndpoint("phone", "+447700900001"), connect.Endpoint);
        Assert.Equal("+447700900000", connect.From);
        Assert.Equal(20, connect.TimeoutSeconds);
        Assert.Equal(60, connect.LimitSeconds);
        Assert.Equal("https://example.com/leg", connect.EventUrl!.Url);
    }

    [Fact]
    public void Connect_to_a_sip_uri_keeps_the_uri()
    {
        var connect = (ConnectAction)Valid("""[{"action":"connect","endpoint":[{"type":"sip","uri":"sip:alice@example.com"}]}]""").Actions[0];
        Assert.Equal(new ConnectEndpoint("sip", "sip:alice@example.com"), connect.Endpoint);
        Assert.Null(connect.From);
        Assert.Equal(60, connect.TimeoutSeconds);
    }

    [Fact]
    public void Conversation_reads_moderation_options()
    {
        var conversation = (ConversationAction)Valid("""
            [{"action":"conversation","name":"room-1","startOnEnter":false,"endOnExit":true,"record":true,
              "musicOnHoldUrl":["https://example.com/moh.wav"],"canSpeak":["call-7"],"canHear":[]}]
            """).Actions[0];
        Assert.Equal("room-1", conversation.Name);
        Assert.False(conversation.StartOnEnter);
        Assert.True(conversation.EndOnExit);
        Assert.True(conversation.Record);
        Assert.Equal("https://example.com/moh.wav", conversation.MusicOnHoldUrl);
        Assert.Equal(["call-7"], conversation.CanSpeak!);
        Assert.Empty(conversation.CanHear!);
    }

    [Fact]
    public void Notify_keeps_the_payload_verbatim()
    {
        var notify = (NotifyAction)Valid("""[{"action":"notify","payload":{"step":"menu","n":1},"eventUrl":["https://example.com/n"]}]""").Actions[0];
        Assert.Equal("""{"step":"menu","n":1}""", notify.PayloadJson);
        Assert.Equal(new WebhookTarget("https://example.com/n", "POST"), notify.EventUrl);
    }

    [Fact]
    public void A_full_ivr_document_parses_in_order()
    {
        var flow = Valid("""
            [
              {"action":"talk","text":"Welcome","bargeIn":true},
              {"action":"stream","streamUrl":["https://example.com/menu.wav"],"bargeIn":false},
              {"action":"input","type":["dtmf"],"eventUrl":["https://example.com/ivr"]},
              {"action":"hangup"}
            ]
            """);
        Assert.Collection(
            flow.Actions,
            a => Assert.IsType<TalkAction>(a),
            a => Assert.IsType<StreamAction>(a),
            a => Assert.IsType<InputAction>(a),
            a => Assert.IsType<HangupAction>(a));
    }

    [Fact]
    public void A_document_of_the_maximum_size_in_actions_is_accepted()
    {
        var json = "[" + string.Join(",", Enumerable.Repeat("""{"action":"hangup"}""", CallFlowParser.MaxActions)) + "]";
        Assert.Equal(CallFlowParser.MaxActions, Valid(json).Actions.Count);
    }

    [Fact]
    public void Speech_input_takes_vonages_fields_with_their_defaults()
    {
        var both = (InputAction)Valid("""
            [{"action":"input","type":["dtmf","speech"],"speech":{"context":["sales","support"],"language":"en-GB","endOnSilence":"1.5","startTimeout":5,"maxDuration":20,"uuid":["abc"],"sensitivity":"50","saveAudio":false}}]
            """).Actions[0];
        var speechOnly = (InputAction)Valid("""[{"action":"input","type":["speech"]}]""").Actions[0];

        Assert.True(both.Dtmf);
        Assert.Equal(new SpeechInput { Hints = both.Speech!.Hints, Language = "en-GB", EndSilenceSeconds = 1.5, MaxDurationSeconds = 20 }, both.Speech);
        Assert.Equal(5, both.SpeechStartTimeoutSeconds);
        Assert.Equal(["sales", "support"], both.Speech.Hints);
        Assert.False(speechOnly.Dtmf);
        Assert.Equal(new SpeechInput { Hints = speechOnly.Speech!.Hints }, speechOnly.Speech);
        Assert.Equal(10, speechOnly.SpeechStartTimeoutSeconds);
        Assert.Empty(speechOnly.Speech.Hints);
    }

    [Theory]
    [InlineData(null, "/: document is empty")]
    [InlineData("", "/: document is empty")]
    [InlineData("   ", "/: document is empty")]
    [InlineData("[]", "/: must hold at least one action")]
    [InlineData("{}", "/: must be a JSON array of actions")]
    [InlineData("\"talk\"", "/: must be a JSON array of actions")]
    [InlineData("[1]", "/0: must be an object with an \"action\"")]
    [InlineData("[{}]", "/0/action: is required")]
    [InlineData("""[{"action":null}]""", "/0/action: is required")]
    [InlineData("""[{"action":7}]""", "/0/action: must be a string")]
    [InlineData("""[{"action":"dance"}]""", "/0/action: unknown action \"dance\" (expected talk, stream, input, record, connect, conversation, notify, wait, enqueue or hangup)")]
    [InlineData("""[{"action":"hangup"},{"action":"talk"}]""", "/1/text: is required")]
    [InlineData("""[{"action":"talk","text":""}]""", "/0/text: must be 1..1500 characters long")]
    [InlineData("""[{"action":"talk","text":5}]""", "/0/text: must be a string")]
    [InlineData("""[{"action":"talk","text":"hi","loop":-1}]""", "/0/loop: must be 0..100")]
    [InlineData("""[{"action":"talk","text":"hi","loop":1.5}]""", "/0/loop: must be an integer")]
    [InlineData("""[{"action":"talk","text":"hi","loop":"two"}]""", "/0/loop: must be an integer")]
    [InlineData("""[{"action":"talk","text":"hi","bargeIn":"yes"}]""", "/0/bargeIn: must be true or false")]
    [InlineData("""[{"action":"talk","text":"hi","level":2}]""", "/0/level: must be -1..1")]
    [InlineData("""[{"action":"talk","text":"hi","language":"english please"}]""", "/0/language: must be a BCP-47 language tag such as en-US")]
    [InlineData("""[{"action":"talk","text":"hi","bargein":true}]""", "/0/bargein: unknown property")]
    [InlineData("""[{"action":"talk","text":"hi","text":"again"}]""", "/0/text: appears more than once")]
    [InlineData("""[{"action":"talk","text":"hi","bargeIn":true}]""", "/0/bargeIn: a talk or stream with bargeIn must be followed by an input action (only talk and stream may come between)")]
    [InlineData("""[{"action":"stream","streamUrl":["https://e.com/a.wav"],"bargeIn":true},{"action":"hangup"}]""", "/0/bargeIn: a talk or stream with bargeIn must be followed by an input action (only talk and stream may come between)")]
    [InlineData("""[{"action":"stream"}]""", "/0/streamUrl: is required")]
    [InlineData("""[{"action":"stream","streamUrl":[]}]""", "/0/streamUrl: must hold exactly one URL")]
    [InlineData("""[{"action":"stream","streamUrl":["https://a.com/1.wav","https://a.com/2.wav"]}]""", "/0/streamUrl: must hold exactly one URL")]
    [InlineData("""[{"action":"stream","streamUrl":[42]}]""", "/0/streamUrl/0: must be a URL string or an array with one URL string")]
    [InlineData("""[{"action":"stream","streamUrl":["/relative.wav"]}]""", "/0/streamUrl/0: must be an absolute http, https, ws or wss URL")]
    [InlineData("""[{"action":"stream","streamUrl":["ftp://example.com/a.wav"]}]""", "/0/streamUrl/0: must be an absolute http, https, ws or wss URL")]
    [InlineData("""[{"action":"stream","streamUrl":"file:///etc/passwd"}]""", "/0/streamUrl: must be an absolute http, https, ws or wss URL")]
    [InlineData("""[{"action":"stream","streamUrl":"https://exa mple.com/a.wav"}]""", "/0/streamUrl: must be an absolute http, https, ws or wss URL")]
    [InlineData("""[{"action":"input"}]""", "/0/type: is required")]
    [InlineData("""[{"action":"input","type":"dtmf"}]""", "/0/type: must be an array of strings")]
    [InlineData("""[{"action":"input","type":[]}]""", "/0/type: must be [\"dtmf\"], [\"speech\"] or [\"dtmf\", \"speech\"]")]
    [InlineData("""[{"action":"input","type":["dtmf","dtmf"]}]""", "/0/type: must be [\"dtmf\"], [\"speech\"] or [\"dtmf\", \"speech\"]")]
    [InlineData("""[{"action":"input","type":["voice"]}]""", "/0/type: must be [\"dtmf\"], [\"speech\"] or [\"dtmf\", \"speech\"]")]
    [InlineData("""[{"action":"input","type":["dtmf"],"speech":{}}]""", "/0/speech: needs \"speech\" in type")]
    [InlineData("""[{"action":"input","type":["speech"],"speech":{"endOnSilence":0.1}}]""", "/0/speech/endOnSilence: must be 0.4..10")]
    [InlineData("""[{"action":"input","type":["speech"],"speech":{"startTimeout":61}}]""", "/0/speech/startTimeout: must be 1..60")]
    [InlineData("""[{"action":"input","type":["speech"],"speech":{"maxDuration":"x"}}]""", "/0/speech/maxDuration: must be a number")]
    [InlineData("""[{"action":"input","type":["speech"],"speech":{"context":[1]}}]""", "/0/speech/context/0: must be a non-empty string")]
    [InlineData("""[{"action":"input","type":["speech"],"speech":{"language":"english please"}}]""", "/0/speech/language: must be a BCP-47 language tag such as en-US")]
    [InlineData("""[{"action":"input","type":["speech"],"speech":{"saveAudio":true}}]""", "/0/speech/saveAudio: saving the speech audio is not supported; record the call instead")]
    [InlineData("""[{"action":"input","type":["speech"],"speech":{"hints":["a"]}}]""", "/0/speech/hints: unknown property")]
    [InlineData("""[{"action":"input","type":["dtmf"],"dtmf":{"maxDigits":0}}]""", "/0/dtmf/maxDigits: must be 1..20")]
    [InlineData("""[{"action":"input","type":["dtmf"],"dtmf":{"maxDigits":21}}]""", "/0/dtmf/maxDigits: must be 1..20")]
    [InlineData("""[{"action":"input","type":["dtmf"],"dtmf":{"timeOut":11}}]""", "/0/dtmf/timeOut: must be 0..10")]
    [InlineData("""[{"action":"input","type":["dtmf"],"dtmf":{"submitOnHash":1}}]""", "/0/dtmf/submitOnHash: must be true or false")]
    [InlineData("""[{"action":"input","type":["dtmf"],"dtmf":{"maxdigits":3}}]""", "/0/dtmf/maxdigits: unknown property")]
    [InlineData("""[{"action":"input","type":["dtmf"],"dtmf":[]}]""", "/0/dtmf: must be an object")]
    [InlineData("""[{"action":"input","type":["dtmf"],"eventUrl":["https://e.com/x"],"eventMethod":"PUT"}]""", "/0/eventMethod: must be GET or POST")]
    [InlineData("""[{"action":"input","type":["dtmf"],"eventMethod":"GET"}]""", "/0/eventMethod: needs eventUrl")]
    [InlineData("""[{"action":"record","format":"ogg"}]""", "/0/format: must be \"wav\" or \"mp3\" (ogg is not recorded)")]
    [InlineData("""[{"action":"record","split":"yes"}]""", "/0/split: must be \"conversation\"")]
    [InlineData("""[{"action":"record","channels":2}]""", "/0/channels: needs split: \"conversation\"")]
    [InlineData("""[{"action":"record","split":"conversation","channels":3}]""", "/0/channels: must be 1..2")]
    [InlineData("""[{"action":"record","endOnSilence":2}]""", "/0/endOnSilence: must be 3..10")]
    [InlineData("""[{"action":"record","timeOut":7201}]""", "/0/timeOut: must be 3..7200")]
    [InlineData("""[{"action":"record","endOnKey":"x"}]""", "/0/endOnKey: must be one of 0-9, * or #")]
    [InlineData("""[{"action":"record","endOnKey":"12"}]""", "/0/endOnKey: must be 1..1 characters long")]
    [InlineData("""[{"action":"record","eventUrl":"mailto:a@b.c"}]""", "/0/eventUrl: must be an absolute http or https URL")]
    [InlineData("""[{"action":"connect"}]""", "/0/endpoint: is required")]
    [InlineData("""[{"action":"connect","endpoint":{"type":"phone","number":"447700900001"}}]""", "/0/endpoint: must be an array with exactly one endpoint")]
    [InlineData("""[{"action":"connect","endpoint":[]}]""", "/0/endpoint: must be an array with exactly one endpoint")]
    [InlineData("""[{"action":"connect","endpoint":["447700900001"]}]""", "/0/endpoint/0: must be an object")]
    [InlineData("""[{"action":"connect","endpoint":[{"number":"447700900001"}]}]""", "/0/endpoint/0/type: is required")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"app","user":"alice"}]}]""", "/0/endpoint/0/type: unsupported endpoint type \"app\" (expected phone, sip or websocket)")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"websocket","uri":"https://e.com"}]}]""", "/0/endpoint/0/uri: must be a ws:// or wss:// URL")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"websocket","uri":"wss://e.com","content-type":"audio/l16;rate=24000"}]}]""", "/0/endpoint/0/content-type: must be audio/l16;rate=8000 or audio/l16;rate=16000 (24 kHz is not streamed)")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"websocket","uri":"wss://e.com","extra":1}]}]""", "/0/endpoint/0/extra: unknown property")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"websocket","uri":"wss://e.com"}],"timeout":0}]""", "/0/timeout: must be 1..600")]
    [InlineData("""[{"action":"wait","timeout":0}]""", "/0/timeout: must be 0.1..7200")]
    [InlineData("""[{"action":"wait","timeout":"x"}]""", "/0/timeout: must be a number")]
    [InlineData("""[{"action":"wait","for":3}]""", "/0/for: unknown property")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"phone"}]}]""", "/0/endpoint/0/number: is required")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"phone","number":"12ab"}]}]""", "/0/endpoint/0/number: must be a phone number of 7..15 digits (E.164, optional leading +)")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"phone","number":"447700900001","dtmfAnswer":"1x"}]}]""", "/0/endpoint/0/dtmfAnswer: must hold only 0-9, *, # and p (a pause)")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"sip","uri":"sip:a@b.c","dtmfAnswer":"1"}]}]""", "/0/endpoint/0/dtmfAnswer: unknown property")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"sip","uri":"sip:a@b.c"}],"machineDetection":"wait"}]""", "/0/machineDetection: must be continue or hangup")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"sip","uri":"sip:a@b.c"}],"advancedMachineDetection":{"behavior":"hangup","beep_timeout":10}}]""", "/0/advancedMachineDetection/beep_timeout: must be 45..120")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"sip","uri":"sip:a@b.c"}],"ringbackTone":"ftp://x"}]""", "/0/ringbackTone: must be an absolute http or https URL")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"sip","uri":"sip:a@b.c"}],"from":"447700900001","randomFromNumber":true}]""", "/0/randomFromNumber: cannot be combined with from")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"sip","uri":"alice@example.com"}]}]""", "/0/endpoint/0/uri: must be a sip: or sips: URI")]
    [InlineData("""[{"action":"connect","endpoint":[{"type":"sip","uri":"sip:"}]}]""", "/0/endpoint/0/uri: must be a sip: or sips: URI")]
    [InlineData("""[{"action":"connect","from":"anonymous","endpoint":[{"type":"sip","uri":"sip:a@b"}]}]""", "/0/from: must be a phone number of 7..15 digits (E.164, optional leading +)")]
    [InlineData("""[{"action":"connect","timeout":0,"endpoint":[{"type":"sip","uri":"sip:a@b"}]}]""", "/0/timeout: must be 1..600")]
    [InlineData("""[{"action":"connect","limit":7201,"endpoint":[{"type":"sip","uri":"sip:a@b"}]}]""", "/0/limit: must be 1..7200")]
    [InlineData("""[{"action":"connect","eventType":"asynchronous","endpoint":[{"type":"sip","uri":"sip:a@b"}]}]""", "/0/eventType: must be \"synchronous\"")]
    [InlineData("""[{"action":"conversation"}]""", "/0/name: is required")]
    [InlineData("""[{"action":"conversation","name":"my room"}]""", "/0/name: may only contain letters, digits, '-', '_' and '.'")]
    [InlineData("""[{"action":"conversation","name":"r","mute":true,"canSpeak":[]}]""", "/0/mute: cannot be combined with canSpeak")]
    [InlineData("""[{"action":"conversation","name":"r","canSpeak":["a","b"]}]""", "/0/canSpeak: must hold at most 1 items")]
    [InlineData("""[{"action":"conversation","name":"r","canHear":[""]}]""", "/0/canHear/0: must be a non-empty string")]
    [InlineData("""[{"action":"conversation","name":"r","startOnEnter":"false"}]""", "/0/startOnEnter: must be true or false")]
    [InlineData("""[{"action":"notify","eventUrl":["https://e.com/n"]}]""", "/0/payload: is required")]
    [InlineData("""[{"action":"notify","payload":"x","eventUrl":["https://e.com/n"]}]""", "/0/payload: must be an object")]
    [InlineData("""[{"action":"notify","payload":{}}]""", "/0/eventUrl: is required")]
    [InlineData("""[{"action":"hangup","reason":"bye"}]""", "/0/reason: unknown property")]
    [InlineData("""[{"action":"stream","streamUrl":"ftp://x/y"}]""", "/0/streamUrl: must be an absolute http, https, ws or wss URL")]
    [InlineData("""[{"action":"stream","streamUrl":"wss://x/y","framing":"twilio"}]""", "/0/framing: must be vonage or telnyx")]
    [InlineData("""[{"action":"stream","streamUrl":"wss://x/y","contentType":"audio/pcmu"}]""", "/0/contentType: vonage framing carries audio/l16 only")]
    [InlineData("""[{"action":"stream","streamUrl":"wss://x/y","contentType":"audio/opus"}]""", "/0/contentType: must be audio/l16;rate=8000, audio/l16;rate=16000, audio/pcmu or audio/pcma")]
    [InlineData("""[{"action":"stream","streamUrl":"wss://x/y","track":"left"}]""", "/0/track: must be inbound, outbound or both")]
    [InlineData("""[{"action":"stream","streamUrl":"wss://x/y","headers":{"a":1}}]""", "/0/headers/a: must be a string")]
    [InlineData("""[{"action":"stream","streamUrl":"https://x/y.wav","framing":"telnyx"}]""", "/0/framing: unknown property")]
    public void Malformed_documents_are_rejected_with_the_path_and_reason(string? json, string expected)
    {
        Assert.Equal(expected, ErrorOf(json));
    }

    [Theory]
    [InlineData("[")]
    [InlineData("[{\"action\":\"talk\",}]")]
    [InlineData("[{\"action\":\"talk\" \"text\":\"x\"}]")]
    [InlineData("[/* comment */]")]
    [InlineData("\u0000")]
    public void Syntax_errors_are_reported_as_invalid_json(string json)
    {
        Assert.StartsWith("/: not valid JSON:", ErrorOf(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_actions_are_rejected()
    {
        var json = "[" + string.Join(",", Enumerable.Repeat("""{"action":"hangup"}""", CallFlowParser.MaxActions + 1)) + "]";
        Assert.Equal("/: must hold at most 100 actions (has 101)", ErrorOf(json));
    }

    [Fact]
    public void Oversized_documents_are_rejected_before_parsing()
    {
        var json = "[" + new string(' ', CallFlowParser.MaxDocumentLength) + "]";
        Assert.Equal("/: document is larger than 65536 characters", ErrorOf(json));
    }

    [Fact]
    public void Deeply_nested_documents_are_rejected_without_throwing()
    {
        var json = new string('[', 200) + new string(']', 200);
        Assert.StartsWith("/: not valid JSON:", ErrorOf(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Talk_text_longer_than_vonage_allows_is_rejected()
    {
        var json = $$"""[{"action":"talk","text":"{{new string('a', CallFlowParser.MaxTalkTextLength + 1)}}"}]""";
        Assert.Equal("/0/text: must be 1..1500 characters long", ErrorOf(json));
    }

    [Fact]
    public void Random_byte_garbage_never_throws()
    {
        var random = new Random(1234);
        var alphabet = "[]{}\":,0123456789abcdefghijklmnopqrstuvwxyz \\/-_.\u00e9";
        var seeds = new[]
        {
            """[{"action":"talk","text":"hi","bargeIn":true},{"action":"input","type":["dtmf"],"dtmf":{"maxDigits":3}}]""",
            """[{"action":"connect","endpoint":[{"type":"sip","uri":"sip:a@b"}]},{"action":"record","split":"conversation"}]""",
        };
        for (var i = 0; i < 3000; i++)
        {
            var chars = seeds[i % seeds.Length].ToCharArray();
            for (var m = 0; m < 1 + (i % 4); m++)
            {
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var result = CallFlowParser.Parse(new string(chars));
            Assert.True(result.IsSuccess || result.Error!.Path.StartsWith('/'));
        }
    }

    [Fact]
    public void A_connect_to_a_websocket_is_a_bidirectional_vonage_stream_of_the_caller()
    {
        var ws = Assert.IsType<WebSocketStreamAction>(Assert.Single(Valid("""
            [{"action":"connect","endpoint":[{"type":"websocket","uri":"wss://bot.example/s","content-type":"audio/l16;rate=8000","headers":{"id":7,"name":"x"}}],"eventType":"synchronous"}]
            """).Actions));

        Assert.Equal(("wss://bot.example/s", "vonage", "L16", 8000, "inbound", true), (ws.Url, ws.Framing, ws.Codec, ws.SampleRate, ws.Track, ws.Bidirectional));
        Assert.Equal(("7", "x"), (ws.Headers["id"], ws.Headers["name"]));
    }

    [Theory]
    [InlineData("""{"action":"talk","text":"hi"}""", "en-us")]
    [InlineData("""{"action":"talk","text":"hi","language":"en-GB","style":0}""", "en-gb")]
    [InlineData("""{"action":"talk","text":"hi","language":"en-GB","style":1}""", "en-gb+f3")]
    [InlineData("""{"action":"talk","text":"hi","style":2}""", "en-us+m3")]
    [InlineData("""{"action":"talk","text":"hi","style":"8"}""", "en-us+f3")]
    public void Language_and_style_pick_the_voice(string action, string voice) =>
        Assert.Equal(voice, Assert.IsType<TalkAction>(Assert.Single(Valid($"[{action}]").Actions)).Voice);

    [Fact]
    public void A_connect_reads_ringback_machine_detection_and_dtmf_answer()
    {
        var connect = Assert.IsType<ConnectAction>(Assert.Single(Valid("""
            [{"action":"connect","endpoint":[{"type":"phone","number":"447700900001","dtmfAnswer":"1p2#"}],"ringbackTone":"https://cdn.example/ring.wav","advancedMachineDetection":{"behavior":"hangup","mode":"detect"},"randomFromNumber":true}]
            """).Actions));

        Assert.Equal(("12#", "https://cdn.example/ring.wav", "hangup"), (connect.Endpoint.DtmfAnswer, connect.RingbackToneUrl, connect.MachineDetection));
    }

    [Fact]
    public void Wait_pauses_ten_seconds_unless_told_and_record_takes_mp3()
    {
        var actions = Valid("""[{"action":"wait"},{"action":"wait","timeout":0.5},{"action":"record","format":"mp3","endOnSilence":3,"beepStart":true}]""").Actions;

        Assert.Equal(10, Assert.IsType<WaitAction>(actions[0]).TimeoutSeconds);
        Assert.Equal(0.5, Assert.IsType<WaitAction>(actions[1]).TimeoutSeconds);
        var record = Assert.IsType<RecordAction>(actions[2]);
        Assert.Equal(("mp3", 3, true), (record.Format, record.EndOnSilenceSeconds, record.BeepStart));
    }

    [Fact]
    public void A_stream_to_a_websocket_reads_its_framing_format_track_and_headers()
    {
        var ws = Assert.IsType<WebSocketStreamAction>(Assert.Single(Valid("""
            [{"action":"stream","streamUrl":["wss://bot.example/s"],"framing":"telnyx","contentType":"audio/pcma","track":"both","bidirectional":false,"headers":{"id":"7"}}]
            """).Actions));

        Assert.Equal(("wss://bot.example/s", "telnyx", "PCMA", 8000, "both", false), (ws.Url, ws.Framing, ws.Codec, ws.SampleRate, ws.Track, ws.Bidirectional));
        Assert.Equal("7", ws.Headers["id"]);
    }
}
