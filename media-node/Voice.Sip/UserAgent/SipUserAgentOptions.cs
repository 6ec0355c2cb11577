using Voice.Sip.Dialogs;
using Voice.Sip.Messages;
using Voice.Sip.Transactions;
using Voice.Sip.Transport;

namespace Voice.Sip.UserAgent;

/// <summary>Configuration of a <see cref="SipUserAgent"/>.</summary>
public sealed record SipUserAgentOptions
{
    /// <summary>Listen endpoint, advertised address, transports.</summary>
    public required SipTransportOptions Transport { get; init; }

    /// <summary>Transaction timers (T1, T2, T4).</summary>
    public SipTimerSettings Timers { get; init; } = new();

    /// <summary>What the UAS accepts (methods, extensions, body types).</summary>
    public SipUasPolicy Policy { get; init; } = new();

    /// <summary>User-Agent / Server header value.</summary>
    public string Product { get; init; } = "Voice.Sip";

    /// <summary>Send 180 Ringing as soon as an inbound INVITE is accepted for processing.</summary>
    public bool AutoRing { get; init; } = true;

    /// <summary>
    /// How long a REFER we sent waits, once accepted, for the NOTIFY with the final status before it ends
    /// <see cref="SipReferResult.TimedOut"/>: 32 s (64·T1) by default, as long as an INVITE may take to fail.
    /// </summary>
    public TimeSpan ReferNotifyTimeout { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>Session timers (RFC 4028): the interval our INVITEs ask for and the smallest we accept.</summary>
    public SipSessionTimerSettings SessionTimers { get; init; } = new();

    /// <summary>The clock of session timers (tests pass a fake one; transaction timers keep the real clock).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>When set, out-of-dialog requests are sent to this proxy (e.g. a SIP trunk) instead of the target host.</summary>
    public SipUri? OutboundProxy { get; init; }
}
