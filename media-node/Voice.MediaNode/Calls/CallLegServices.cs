using Azure.Storage.Blobs;
using Voice.Media.Clock;
using Voice.Media.Rtp;
using Voice.Media.Tts;
using Voice.MediaNode.Configuration;
using Voice.MediaNode.Events;
using Voice.MediaNode.Prompts;
using Voice.MediaNode.Speech;
using Voice.OutboundHttp;
using Voice.Sip.UserAgent;

namespace Voice.MediaNode.Calls;

/// <summary>What every call leg on the node shares: the SIP user agent, the media clock, the RTP ports, TTS, the VAD model, the speech recognizers, the prompt fetcher, the guarded WebSocket connector for streams, the recordings container and the event publisher.</summary>
public sealed record CallLegServices(
    SipUserAgent Sip,
    MediaClock Clock,
    MixerRooms Rooms,
    RtpPortAllocator Ports,
    string MediaAddress,
    MediaNodeOptions Options,
    MediaEventPublisher Events,
    CallRegistry Registry,
    EspeakTts Tts,
    VadModelSource Vad,
    SpeechListenerFactory Speech,
    PromptFetcher Prompts,
    GuardedWebSockets StreamConnections,
    TimeProvider Time,
    BlobContainerClient Recordings,
    ILogger Logger);
