using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Voice.Media.Codecs;
using Voice.Media.Dtmf;
using Voice.Media.Rtp;
using Voice.Sip.Sdp;
using Voice.Sip.Transport;
using Voice.Sip.UserAgent;

namespace Voice.Bench.Latency;

/// <summary>
/// The called phones: our own SIP user agent on loopback that answers every INVITE (noting when it arrived), with one
/// RTP socket per call that notes the first audible packet after an instant it is told to listen from — a DTMF digit
/// it sends (RFC 4733), or a command the bench sends — the instants the latency benchmarks measure. Phones are told
/// apart by the request URI's user part.
/// </summary>
internal sealed class AnsweringPhones : IAsyncDisposable
{
    private readonly SipUserAgent agent;
    private readonly ConcurrentDictionary<string, PhoneCall> calls = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<PhoneCall>> expected = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;

    public AnsweringPhones(int port)
    {
        agent = SipUserAgent.Start(new SipUserAgentOptions
        {
            Transport = new SipTransportOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, port) },
        });
        accepting = AcceptAsync();
    }

    public string UriFor(string user) => $"sip:{user}@{agent.Transport.LocalEndPoint}";

    /// <summary>Completes when <paramref name="user"/>'s INVITE has arrived and been answered.</summary>
    public Task<PhoneCall> ExpectAsync(string user) => expected.GetOrAdd(user, _ => new TaskCompletionSource<PhoneCall>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        foreach (var call in calls.Values)
        {
            await call.DisposeAsync();
        }

        await agent.DisposeAsync();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task AcceptAsync()
    {
        try
        {
            await foreach (var sip in agent.IncomingCalls.ReadAllAsync(stopping.Token))
            {
                var arrived = Stopwatch.GetTimestamp();
                var user = sip.Invite.RequestUri.User ?? "";
                _ = AnswerAsync(user, sip, arrived);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task AnswerAsync(string user, SipCall sip, long arrived)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var call = new PhoneCall(sip, socket, arrived);
        calls[user] = call;
        if (!await sip.AnswerAsync(new SdpLocalMedia { Address = "127.0.0.1", RtpPort = ((IPEndPoint)socket.LocalEndPoint!).Port }))
        {
            return;
        }

        call.StartReceiving(stopping.Token);
        expected.GetOrAdd(user, _ => new TaskCompletionSource<PhoneCall>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(call);
    }

    /// <summary>One answered call: its INVITE time, DTMF sending and audible-audio detection.</summary>
    internal sealed class PhoneCall(SipCall sip, Socket socket, long inviteArrived) : IAsyncDisposable
    {
        /// <summary>Mean |sample| of a prompt tone's packet: well above silence, so the tone's first packet counts.</summary>
        public const int ToneMeanAmplitude = 500;

        /// <summary>
        /// Mean |sample| of speech's first packet: espeak-ng's rendering rises from ~70 in its first 20 ms to ~600 by
        /// its third packet, so the tone's bound would count 40 ms of the speech as silence. Silence decodes to 0.
        /// </summary>
        public const int SpeechMeanAmplitude = 32;

        private readonly TaskCompletionSource<long> audible = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long listeningSince = long.MaxValue;
        private int minMeanAmplitude = ToneMeanAmplitude;

        public long InviteArrived => inviteArrived;

        public SipCall Sip => sip;

        /// <summary>
        /// Sends <paramref name="digit"/> as RFC 4733 (three updates, then the end packet three times, 20 ms apart);
        /// returns when the first end packet left, which is when a receiver reports the digit.
        /// </summary>
        public async Task<long> SendDigitAsync(char digit)
        {
            var audio = sip.Audio ?? throw new InvalidOperationException("the call has no negotiated audio");
            var payloadType = (byte)(audio.TelephoneEventPayloadType ?? throw new InvalidOperationException("no telephone-event negotiated"));
            var remote = new IPEndPoint(IPAddress.Parse(audio.RemoteAddress), audio.RemotePort);
            var code = (byte)DtmfDigits.ToEvent(digit);
            var ssrc = (uint)Random.Shared.Next();
            var timestamp = (uint)Random.Shared.Next();
            var buffer = new byte[RtpHeader.FixedSize + TelephoneEvent.Size];
            long endSent = 0;
            for (var i = 0; i < 6; i++)
            {
                var end = i >= 3;
                new TelephoneEvent(code, end, 10, (ushort)(Math.Min(i, 3) * 160 + 160)).Write(buffer.AsSpan(RtpHeader.FixedSize));
                RtpPacket.Write(buffer, new RtpHeader(payloadType, (ushort)(1000 + i), timestamp, ssrc, Marker: i == 0), buffer.AsSpan(RtpHeader.FixedSize, TelephoneEvent.Size).ToArray());
                if (end && endSent == 0)
                {
                    endSent = Stopwatch.GetTimestamp();
                    ListenFrom(endSent, ToneMeanAmplitude);
                }

                await socket.SendToAsync(buffer, SocketFlags.None, remote);
                await Task.Delay(20);
            }

            return endSent;
        }

        /// <summary>
        /// Makes <see cref="AudibleAsync"/> the first packet from <paramref name="since"/> (a <see cref="Stopwatch"/>
        /// timestamp) whose mean |sample| is at least <paramref name="meanAmplitude"/>. Once per call.
        /// </summary>
        public void ListenFrom(long since, int meanAmplitude)
        {
            Volatile.Write(ref minMeanAmplitude, meanAmplitude);
            Volatile.Write(ref listeningSince, since);
        }

        /// <summary>When the first audible audio packet arrived after the instant <see cref="ListenFrom"/> was given.</summary>
        public Task<long> AudibleAsync => audible.Task;

        public void StartReceiving(CancellationToken cancellationToken) => _ = ReceiveAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (sip.State != SipCallState.Terminated)
            {
                await sip.HangupAsync();
            }

            socket.Dispose();
        }

        /// <summary>A PCMU packet whose mean amplitude is at least <paramref name="meanAmplitude"/>.</summary>
        private static bool IsAudible(ReadOnlySpan<byte> datagram, short[] pcm, int meanAmplitude)
        {
            if (!RtpPacket.TryParse(datagram, out var packet) || packet.Header.PayloadType != 0 || packet.Payload.IsEmpty)
            {
                return false;
            }

            var samples = Math.Min(packet.Payload.Length, pcm.Length);
            G711.MulawDecode(packet.Payload[..samples], pcm.AsSpan(0, samples));
            long sum = 0;
            foreach (var sample in pcm.AsSpan(0, samples))
            {
                sum += Math.Abs((int)sample);
            }

            return sum / samples >= meanAmplitude;
        }

        private async Task ReceiveAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[1500];
            var pcm = new short[480];
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var length = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                    var at = Stopwatch.GetTimestamp();
                    if (at >= Volatile.Read(ref listeningSince) && IsAudible(buffer.AsSpan(0, length), pcm, Volatile.Read(ref minMeanAmplitude)))
                    {
                        audible.TrySetResult(at);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        }
    }
}
