using System.Net;
using Voice.Sip.Messages;
using Voice.Sip.Sdp;
using Voice.Sip.Tests.Transactions;
using Voice.Sip.Transactions;
using Voice.Sip.Transport;
using Voice.Sip.UserAgent;
using Voice.Testing;

namespace Voice.Sip.Tests.UserAgent;

/// <summary>Helpers to run our own user agents against each other on loopback with shrunk timers.</summary>
internal static class UserAgents
{
    /// <summary>A user agent on a free loopback port, with shrunk timers unless <paramref name="timers"/> are given.</summary>
    public static SipUserAgent Start(string? advertisedHost = null, SipTimerSettings? timers = null, TimeProvider? time = null, SipSessionTimerSettings? sessionTimers = null) =>
        SipUserAgent.Start(new SipUserAgentOptions
        {
            Transport = new SipTransportOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, FreePorts.Next()), AdvertisedHost = advertisedHost },
            Timers = timers ?? TransactionStack.FastTimers,
            Time = time ?? TimeProvider.System,
            SessionTimers = sessionTimers ?? new SipSessionTimerSettings(),
        });

    public static SdpLocalMedia Media(int port = 40000) => new() { Address = "127.0.0.1", RtpPort = port };

    public static SipOutboundCall CallTo(SipUserAgent callee, string user = "bob") => new()
    {
        Target = SipUri.Parse($"sip:{user}@{callee.Transport.LocalEndPoint}")!,
        From = new SipAddress(SipUri.Parse("sip:alice@127.0.0.1")!, "Alice"),
        Media = Media(),
    };

    public static async Task<List<SipCallEvent>> DrainAsync(SipCall call)
    {
        var list = new List<SipCallEvent>();
        await foreach (var e in call.Events.ReadAllAsync())
        {
            list.Add(e);
        }

        return list;
    }
}
