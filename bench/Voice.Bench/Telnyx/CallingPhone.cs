using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Voice.Sip.Messages;
using Voice.Sip.Sdp;
using Voice.Sip.Transport;
using Voice.Sip.UserAgent;

namespace Voice.Bench.Telnyx;

/// <summary>
/// The caller of the inbound calls: our own SIP user agent on loopback (the one the latency bench's phones use) that
/// sends an INVITE with a PCMU offer to the media-node and notes when the final response arrived — the 200 OK that
/// the answer command causes, or the refusal. Each call has its own RTP socket, so the offer is a real one; the bench
/// does not listen to it.
/// </summary>
internal sealed class CallingPhone : IAsyncDisposable
{
    private readonly SipUserAgent agent;

    public CallingPhone(int port)
    {
        agent = SipUserAgent.Start(new SipUserAgentOptions
        {
            Transport = new SipTransportOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, port) },
        });
    }

    /// <summary>Calls <paramref name="number"/> at <paramref name="node"/> as <c>sip:{user}@…</c>; returns at once.</summary>
    public async Task<OutgoingCall> CallAsync(string user, string number, IPEndPoint node)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)agent.Transport.LocalEndPoint;
        var sip = await agent.PlaceCallAsync(new SipOutboundCall
        {
            Target = SipUri.Create(number, node.Address.ToString(), node.Port),
            From = new SipAddress(SipUri.Create(user, local.Address.ToString(), local.Port)),
            Media = new SdpLocalMedia { Address = "127.0.0.1", RtpPort = ((IPEndPoint)socket.LocalEndPoint!).Port },
            RingTimeout = TimeSpan.FromSeconds(60),
        });
        return new OutgoingCall(sip, socket);
    }

    public async ValueTask DisposeAsync() => await agent.DisposeAsync();

    /// <summary>One call placed: when it was answered, or the final status it was refused with.</summary>
    internal sealed class OutgoingCall : IAsyncDisposable
    {
        private readonly SipCall sip;
        private readonly Socket socket;

        public OutgoingCall(SipCall sip, Socket socket)
        {
            this.sip = sip;
            this.socket = socket;
            Outcome = FollowAsync();
        }

        /// <summary>
        /// The <see cref="Stopwatch"/> timestamp of the 200 OK (as the user agent read it off the socket and handed
        /// it to the call), or null with the final status of a call that ended unanswered.
        /// </summary>
        public Task<(long? AnsweredAt, int FinalStatus)> Outcome { get; }

        public async ValueTask DisposeAsync()
        {
            if (sip.State != SipCallState.Terminated)
            {
                await sip.HangupAsync();
            }

            socket.Dispose();
        }

        private async Task<(long? AnsweredAt, int FinalStatus)> FollowAsync()
        {
            await foreach (var change in sip.Events.ReadAllAsync())
            {
                switch (change)
                {
                    case SipCallAnswered:
                        return (Stopwatch.GetTimestamp(), 200);
                    case SipCallEnded ended:
                        return (null, ended.StatusCode);
                }
            }

            return (null, 0);
        }
    }
}
