using System.Net;
using System.Net.Sockets;
using System.Text;
using Voice.Media.Contracts;
using Voice.MediaNode.Tests.Host;
using Voice.Sip.Parsing;
using Voice.Testing;
using Xunit.Abstractions;

namespace Voice.MediaNode.Tests.Fuzz;

/// <summary>
/// A running node (Azurite queues, SIP on UDP, a live call with baresip) under a bounded, seeded flood of malformed
/// SIP and RTP/RTCP datagrams. Set VOICE_FUZZ_SEED to replay a failing run; every assertion message names the seed.
/// </summary>
public sealed class NodeFuzzTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int SipDatagrams = 2500;
    private const int SdpOffers = 60;
    private const int RtpDatagrams = 2000;
    private const int RtcpDatagrams = 600;
    private const int RtpRange = 60;

    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("VOICE_FUZZ_SEED"), out var seed) ? seed : 20261123;

    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Node_survives_malformed_sip_and_rtp_answers_what_it_must_and_still_serves_calls()
    {
        var random = new Random(Seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rtpMin = FreePorts.NextBlock(RtpRange);
        await using var node = await RunningNode.StartAsync(azurite, [new("MediaNode:Rtp:PortMin", rtpMin.ToString()), new("MediaNode:Rtp:PortMax", (rtpMin + RtpRange - 1).ToString())]);
        await using var peer = await Baresip.StartAsync();
        await using var fuzz = new FuzzSocket();
        using var rtpSink = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var nodeSip = new IPEndPoint(IPAddress.Loopback, node.SipPort);
        var seeds = new SipSeedMessages(node.SipPort, fuzz.LocalEndPoint.Port, ((IPEndPoint)rtpSink.Client.LocalEndPoint!).Port);
        var liveCall = await node.AnsweredCallAsync(peer);

        output.WriteLine($"setup {clock.ElapsedMilliseconds}");
        var unanswered = await FloodSipAsync(random, fuzz, nodeSip, seeds);
        Assert.True(unanswered.Count == 0, $"seed {Seed}: {unanswered.Count} requests that deserve a response got none:\n{string.Join("\n=====\n", unanswered.Select(u => u + "\nLATER: " + string.Join(",", fuzz.StatusesFor(u.Split("Call-ID: ")[^1].Split("\r\n")[0]))))}");
        output.WriteLine($"sip {clock.ElapsedMilliseconds}");
        var handled = await RejectRingingCallsAsync(node);
        output.WriteLine($"reject {clock.ElapsedMilliseconds}");

        var (offersUnanswered, callsNotEnded) = await OfferGarbageSdpAsync(random, node, fuzz, nodeSip, seeds, handled);
        Assert.True(offersUnanswered.Count == 0, $"seed {Seed}: INVITEs with garbage SDP got no response, e.g.\n{(offersUnanswered.Count > 0 ? offersUnanswered[0] : "")}");
        Assert.True(callsNotEnded == 0, $"seed {Seed}: {callsNotEnded} answered garbage-SDP calls never reported hangup");

        output.WriteLine($"sdp {clock.ElapsedMilliseconds}");
        var (reinvitesUnanswered, dialogSurvived) = await FuzzInsideDialogAsync(random, node, fuzz, nodeSip, seeds, handled);
        Assert.True(reinvitesUnanswered.Count == 0, $"seed {Seed}: re-INVITEs with garbage SDP got no final response, e.g.\n{(reinvitesUnanswered.Count > 0 ? reinvitesUnanswered[0] : "")}");
        Assert.True(dialogSurvived, $"seed {Seed}: the call fuzzed inside its dialog did not end cleanly on its BYE");
        output.WriteLine($"dialog {clock.ElapsedMilliseconds}");

        await FloodRtpAsync(random, fuzz, LiveRtpPort(rtpMin));
        output.WriteLine($"rtp {clock.ElapsedMilliseconds}");

        var health = await node.HealthAsync();
        Assert.True(health.GetProperty("status").GetString() == "ok" && health.GetProperty("active_calls").GetInt32() == 1, $"seed {Seed}: health {health}");
        var options = "options-" + NewId();
        fuzz.Send(seeds.Request("OPTIONS", options), nodeSip);
        Assert.True(await fuzz.ResponseAsync(options, s => s == 200) == 200, $"seed {Seed}: a well-formed OPTIONS got no 200 after the fuzz");
        await LiveCallStillHearsDtmfAsync(node, peer, liveCall);

        output.WriteLine($"checks {clock.ElapsedMilliseconds}");
        await node.SendAsync(new HangupCommand { Id = NewId(), CallId = liveCall });
        await node.EventsAsync(e => e.CallId == liveCall && e is HangupEvent, 1);
        var dial = new DialCommand { Id = NewId(), CallId = "call-" + NewId(), To = peer.Uri, From = "+15550100", TimeoutSeconds = 10 };
        await node.SendAsync(dial);
        Assert.True((await node.EventsAsync(e => e.CallId == dial.CallId && e is AnsweredEvent or HangupEvent or MediaErrorEvent, 1)) is [AnsweredEvent, ..],
            $"seed {Seed}: a call placed after the fuzz was not answered");
        output.WriteLine($"dial {clock.ElapsedMilliseconds}");
        await node.StopAsync();
        output.WriteLine($"stop {clock.ElapsedMilliseconds}");
    }

    [Fact]
    public async Task Broken_requests_get_the_error_response_rfc_3261_prescribes()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        await using var fuzz = new FuzzSocket();
        var nodeSip = new IPEndPoint(IPAddress.Loopback, node.SipPort);
        var seeds = new SipSeedMessages(node.SipPort, fuzz.LocalEndPoint.Port, 4000);
        (string Name, Func<string, string> Request, int Status)[] cases =
        [
            ("unparseable CSeq (§8.2, §18.3)", id => seeds.Request("OPTIONS", id).Replace("CSeq: 1 OPTIONS", "CSeq: abc OPTIONS", StringComparison.Ordinal), 400),
            ("CSeq method other than the request's", id => seeds.Request("OPTIONS", id).Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE", StringComparison.Ordinal), 400),
            ("malformed From", id => seeds.Request("OPTIONS", id).Replace("From: <sip:fuzzer@127.0.0.1>", "From: <sip:fuzzer@127.0.0.1", StringComparison.Ordinal), 400),
            ("two From headers", id => seeds.Request("OPTIONS", id, extraHeaders: ["From: <sip:other@127.0.0.1>;tag=2"]), 400),
            ("no To header", id => seeds.Request("OPTIONS", id).Replace("To: <sip:fuzz@127.0.0.1>\r\n", "", StringComparison.Ordinal), 400),
            ("malformed Max-Forwards", id => seeds.Request("OPTIONS", id).Replace("Max-Forwards: 70", "Max-Forwards: many", StringComparison.Ordinal), 400),
            ("Content-Length beyond the datagram (§18.3)", id => seeds.Request("OPTIONS", id).Replace("Content-Length: 0", "Content-Length: 500", StringComparison.Ordinal), 400),
            ("SIP version 3.0 (§8.2.2)", id => seeds.Request("OPTIONS", id).Replace(" SIP/2.0\r\n", " SIP/3.0\r\n", StringComparison.Ordinal), 505),
            ("credentials in an unknown scheme (§22)", id => seeds.Request("OPTIONS", id, extraHeaders: ["Authorization: Basic Zm9vOmJhcg=="]), 401),
            ("method the node does not implement (§8.2.1)", id => seeds.Request("REGISTER", id), 405),
            ("tel: Request-URI (§8.2.2.1)", id => seeds.Request("OPTIONS", id).Replace($"OPTIONS sip:fuzz@127.0.0.1:{node.SipPort}", "OPTIONS tel:+15550100", StringComparison.Ordinal), 416),
            ("unsupported Require (§8.2.2.3)", id => seeds.Request("OPTIONS", id, extraHeaders: ["Require: 100rel-x"]), 420),
            ("body of an unknown type (§8.2.3)", id => seeds.Request("OPTIONS", id).Replace("Content-Length: 0\r\n\r\n", "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi", StringComparison.Ordinal), 415),
            ("INVITE whose Accept excludes SDP", id => seeds.Request("INVITE", id, extraHeaders: ["Accept: text/plain"]), 406),
            ("INVITE without an offer", id => seeds.Request("INVITE", id, body: ""), 488),
            ("BYE outside any dialog (§15.1.2)", id => seeds.Request("BYE", id), 481),
            ("CANCEL matching no INVITE (§9.2)", id => seeds.Request("CANCEL", id), 481),
            ("well-formed OPTIONS", id => seeds.Request("OPTIONS", id), 200),
        ];

        var wrong = new List<string>();
        foreach (var (name, request, status) in cases)
        {
            var callId = "rfc-" + NewId();
            var text = request(callId);
            fuzz.Send(text, nodeSip);
            var got = await fuzz.ResponseAsync(callId, s => s >= 200, seconds: 3);
            if (got != status)
            {
                wrong.Add($"{name}: expected {status}, got {got?.ToString() ?? "nothing"}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    // Sends the SIP datagrams in batches of 20, each batch then waiting for the answers it is owed. Like any UDP
    // client (RFC 3261 Timer A/E) an unanswered request is retransmitted, so a datagram lost in a full socket buffer
    // on a loaded machine is not mistaken for a request the node swallowed.
    private static async Task<List<string>> FloodSipAsync(Random random, FuzzSocket fuzz, IPEndPoint node, SipSeedMessages seeds)
    {
        var unanswered = new List<string>();
        var owed = new List<(string CallId, byte[] Datagram)>();
        for (var i = 0; i < SipDatagrams; i++)
        {
            var callId = $"fz{i}-{random.Next():x}";
            var method = SipSeedMessages.Methods[random.Next(SipSeedMessages.Methods.Length)];
            var datagram = random.Next(10) switch
            {
                0 or 1 => SipMutator.RandomDatagram(random),
                2 => Encoding.UTF8.GetBytes(seeds.Request("INVITE", callId, SdpMutator.Mutate(random, seeds.Sdp, seeds.RtpSinkPort))),
                3 => SipMutator.Mutate(random, seeds.Request("INVITE", callId, SdpMutator.Mutate(random, seeds.Sdp, seeds.RtpSinkPort))),
                4 => Encoding.UTF8.GetBytes($"SIP/2.0 {random.Next(100, 700)} Fuzz\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK{callId}\r\nCall-ID: {callId}\r\nCSeq: 1 INVITE\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nContent-Length: 0\r\n\r\n"),
                _ => SipMutator.Mutate(random, seeds.Request(method, callId)),
            };
            fuzz.Send(datagram, node);
            if (SipAnswerExpectation.CallIdToBeAnswered(datagram, fuzz.LocalEndPoint) is { } expected)
            {
                owed.Add((expected, datagram));
            }

            if (i % 20 == 19 || i == SipDatagrams - 1)
            {
                foreach (var (id, sent) in owed)
                {
                    if (!await AnsweredAsync(fuzz, node, id, sent))
                    {
                        unanswered.Add(Encoding.UTF8.GetString(sent));
                    }
                }

                owed.Clear();
            }
        }

        return unanswered;
    }

    private static async Task<bool> AnsweredAsync(FuzzSocket fuzz, IPEndPoint node, string callId, byte[] request)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            if (attempt > 0)
            {
                fuzz.Send(request, node);
            }

            if (await fuzz.ResponseAsync(callId, _ => true, seconds: 1 << attempt) is not null)
            {
                return true;
            }
        }

        return false;
    }

    // Valid INVITEs among the mutants became ringing calls holding RTP ports: reject them all through the queue.
    private static async Task<HashSet<string>> RejectRingingCallsAsync(RunningNode node)
    {
        await Settled(() => node.Calls.ActiveCalls);
        var ringing = node.Calls.ActiveCalls - 1;
        var incoming = await node.EventsAsync(e => e is IncomingCallEvent, ringing);
        foreach (var call in incoming)
        {
            await node.SendAsync(new RejectCommand { Id = NewId(), CallId = call.CallId });
        }

        await Eventually.HoldsAsync(() => node.Calls.ActiveCalls == 1, $"seed {Seed}: the ringing fuzz calls to be rejected", 15);
        return [.. incoming.Select(e => e.CallId)];
    }

    // INVITEs with intact headers and garbage SDP, in rounds: the node rings, is told to answer (negotiating the
    // garbage), then to hang up; every call must end with a hangup event.
    private static async Task<(List<string> Unanswered, int NotEnded)> OfferGarbageSdpAsync(Random random, RunningNode node, FuzzSocket fuzz, IPEndPoint nodeSip, SipSeedMessages seeds, HashSet<string> handled)
    {
        var unanswered = new List<string>();
        var notEnded = 0;
        for (var round = 0; round < SdpOffers / 15; round++)
        {
            var ringing = 0;
            for (var i = 0; i < 15; i++)
            {
                var callId = $"sdp{round}-{i}-{random.Next():x}";
                var invite = seeds.Request("INVITE", callId, SdpMutator.Mutate(random, seeds.Sdp, seeds.RtpSinkPort));
                fuzz.Send(invite, nodeSip);
                if (!await AnsweredAsync(fuzz, nodeSip, callId, Encoding.UTF8.GetBytes(invite)))
                {
                    unanswered.Add(invite);
                }

                var status = await fuzz.ResponseAsync(callId, s => s >= 180);

                ringing += status == 180 ? 1 : 0;
            }

            var incoming = await node.EventsAsync(e => e is IncomingCallEvent && !handled.Contains(e.CallId), ringing);
            foreach (var call in incoming)
            {
                handled.Add(call.CallId);
                await node.SendAsync(new AnswerCommand { Id = NewId(), CallId = call.CallId });
                await node.SendAsync(new HangupCommand { Id = NewId(), CallId = call.CallId });
            }

            foreach (var call in incoming)
            {
                notEnded += (await node.EventsAsync(e => e.CallId == call.CallId && e is HangupEvent, 1)).Count == 0 ? 1 : 0;
            }
        }

        return (unanswered, notEnded);
    }

    // One inbound call held open and fuzzed inside its dialog: re-INVITEs with garbage SDP (each must get a final
    // response, 2xx ones are ACKed) between mutated in-dialog requests; the caller's BYE must still end it cleanly.
    private static async Task<(List<string> Unanswered, bool Survived)> FuzzInsideDialogAsync(Random random, RunningNode node, FuzzSocket fuzz, IPEndPoint nodeSip, SipSeedMessages seeds, HashSet<string> handled)
    {
        var callId = "dialog-" + NewId();
        fuzz.Send(seeds.Request("INVITE", callId), nodeSip);
        var incoming = (await node.EventsAsync(e => e is IncomingCallEvent && !handled.Contains(e.CallId), 1))[0];
        handled.Add(incoming.CallId);
        await node.SendAsync(new AnswerCommand { Id = NewId(), CallId = incoming.CallId });
        await fuzz.ResponseAsync(callId, s => s == 200);
        var toTag = SipMessageParser.Parse(Encoding.UTF8.GetBytes(fuzz.LastResponseFor(callId)!)).Message!.To!.Tag!;
        fuzz.Send(seeds.InDialog("ACK", callId, toTag, 1, callId), nodeSip);

        var unanswered = new List<string>();
        var cseq = 1;
        for (var i = 0; i < 80; i++)
        {
            cseq++;
            var branch = $"{callId}-{i}";
            if (i % 2 == 1)
            {
                var method = Pick(random, ["INVITE", "OPTIONS", "ACK", "INFO", "UPDATE", "CANCEL", "PRACK"]);
                fuzz.Send(SipMutator.Mutate(random, seeds.InDialog(method, callId, toTag, cseq, branch)), nodeSip);
                continue;
            }

            var reinvite = seeds.InDialog("INVITE", callId, toTag, cseq, branch, SdpMutator.Mutate(random, seeds.Sdp, seeds.RtpSinkPort));
            fuzz.Send(reinvite, nodeSip);
            var status = await fuzz.ResponseAsync($"{callId}|{cseq} INVITE", s => s >= 200);
            if (status is null)
            {
                unanswered.Add(reinvite);
            }
            else
            {
                // A 2xx is ACKed end to end (new branch), any other final response hop by hop (the INVITE's branch).
                fuzz.Send(seeds.InDialog("ACK", callId, toTag, cseq, status < 300 ? branch + "-ack" : branch), nodeSip);
            }
        }

        fuzz.Send(seeds.InDialog("BYE", callId, toTag, cseq + 1, callId + "-bye"), nodeSip);
        var byeAnswer = await fuzz.ResponseAsync($"{callId}|{cseq + 1} BYE", s => s >= 200);
        var hangup = await node.EventsAsync(e => e.CallId == incoming.CallId && e is HangupEvent, 1);
        return (unanswered, byeAnswer == 200 && hangup is [HangupEvent { Side: "remote" }]);
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static async Task FloodRtpAsync(Random random, FuzzSocket fuzz, int rtpPort)
    {
        var rtp = new IPEndPoint(IPAddress.Loopback, rtpPort);
        var rtcp = new IPEndPoint(IPAddress.Loopback, rtpPort + 1);
        byte[] payloadTypes = [0, 101];
        for (var i = 0; i < RtpDatagrams + RtcpDatagrams; i++)
        {
            if (i < RtpDatagrams)
            {
                fuzz.Send(RtpMutator.Rtp(random, payloadTypes), random.Next(20) == 0 ? rtcp : rtp);
            }
            else
            {
                fuzz.Send(RtpMutator.Rtcp(random), random.Next(20) == 0 ? rtp : rtcp);
            }

            if (i % 50 == 49)
            {
                await Task.Delay(5);
            }
        }
    }

    // The fuzz went to the live call's RTP port (and may have produced digits): once its events have gone quiet, a
    // real digit from baresip must be the next one reported.
    private static async Task LiveCallStillHearsDtmfAsync(RunningNode node, Baresip peer, string callId)
    {
        var seen = -1;
        IReadOnlyList<MediaEvent> events = [];
        while (events.Count != seen)
        {
            seen = events.Count;
            events = await node.EventsAsync(e => e.CallId == callId, int.MaxValue, seconds: 1);
        }

        var before = events.Select(e => e.Seq).DefaultIfEmpty().Max();
        await peer.CommandAsync("sndcode", "7");
        var sevens = await node.EventsAsync(e => e.CallId == callId && e.Seq > before && e is DtmfEvent { Digit: "7" }, 1);
        await Task.Delay(500);

        // On a loaded machine a fuzz digit may still be reported after the quiet spell, but always before the real one.
        var last = (await node.EventsAsync(e => e.CallId == callId && e is DtmfEvent, int.MaxValue, seconds: 1)).MaxBy(e => e.Seq);
        Assert.True(sevens.Count == 1 && last is DtmfEvent { Digit: "7" }, $"seed {Seed}: after the RTP fuzz the live call did not report baresip's digit 7 last (last: {(last as DtmfEvent)?.Digit})");
    }

    // The live call is the only one holding ports now: its RTP port is the even port of the range that cannot be bound.
    private static int LiveRtpPort(int rtpMin)
    {
        for (var port = rtpMin; port < rtpMin + RtpRange; port += 2)
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                return port;
            }
        }

        throw new InvalidOperationException("the live call holds no port of the node's RTP range");
    }

    private static async Task Settled(Func<int> value)
    {
        var last = value();
        for (var stable = 0; stable < 5;)
        {
            await Task.Delay(100);
            var now = value();
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
    }
}
