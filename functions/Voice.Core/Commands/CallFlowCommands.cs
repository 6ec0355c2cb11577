using Voice.Core.CallFlow;

namespace Voice.Core.Commands;

/// <summary>
/// Replace what the call is running with a new call flow (Vonage's transfer to an NCCO): the running action stops
/// (prompt, input, stream, conference, connect leg, webhook fetch), then <see cref="Flow"/> runs, or the flow at
/// <see cref="Url"/> is fetched as an answer webhook is. Reported as call.flow.transferred.
/// </summary>
public sealed record ReplaceCallFlow : CallCommand
{
    public CallFlowDocument? Flow { get; init; }

    public string? Url { get; init; }

    public string Method { get; init; } = "GET";
}

/// <summary>
/// Report every DTMF digit the caller presses, one webhook per digit, to <see cref="Target"/> (Vonage's asynchronous
/// <c>input/dtmf</c>); null stops it.
/// </summary>
public sealed record SubscribeDtmf : CallCommand
{
    public WebhookTarget? Target { get; init; }
}

/// <summary>The call's own audio switches (Vonage mute/earmuff): null leaves one as it is.</summary>
public sealed record SetCallAudio : CallCommand
{
    /// <summary>True: what the caller says reaches no one.</summary>
    public bool? Muted { get; init; }

    /// <summary>True: the caller hears no bridge or conference.</summary>
    public bool? Deaf { get; init; }
}
