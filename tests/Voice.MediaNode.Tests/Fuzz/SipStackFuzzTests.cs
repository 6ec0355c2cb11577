using System.Text;
using Voice.Sip.Dialogs;
using Voice.Sip.Messages;
using Voice.Sip.Parsing;
using Voice.Sip.Sdp;
using Voice.Sip.Transactions;

namespace Voice.MediaNode.Tests.Fuzz;

/// <summary>
/// The node's SIP receive path in-process, many more mutants than the running-node test can afford: parse, the
/// rejection built for a bad request, the UAS checks, transaction keys, response routing, and for INVITEs the SDP
/// parse, offer/answer and the serialized answer. Nothing may throw: the running node would swallow such an exception
/// and leave the request unanswered.
/// </summary>
public sealed class SipStackFuzzTests
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("VOICE_FUZZ_SEED"), out var seed) ? seed : 3261;

    [Fact]
    public void Twenty_thousand_mutated_requests_and_offers_never_make_the_sip_stack_throw()
    {
        var random = new Random(Seed);
        var seeds = new SipSeedMessages(5060, 5070, 4000);
        var validator = new SipRequestValidator(new SipUasPolicy());
        var negotiator = new SdpNegotiator(new SdpLocalMedia { Address = "127.0.0.1", RtpPort = 30000 });
        var source = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 5070);
        for (var i = 0; i < 20_000; i++)
        {
            var method = SipSeedMessages.Methods[random.Next(SipSeedMessages.Methods.Length)];
            var sdp = SdpMutator.Mutate(random, seeds.Sdp, seeds.RtpSinkPort);
            var datagram = random.Next(4) == 0 ? Encoding.UTF8.GetBytes(seeds.Request("INVITE", $"c{i}", sdp)) : SipMutator.Mutate(random, seeds.Request(method, $"c{i}", method == "INVITE" ? sdp : null));
            var failure = Record.Exception(() =>
            {
                var result = SipMessageParser.Parse(datagram);
                if (result.CreateRejection() is { } rejection)
                {
                    SipMessageWriter.ToBytes(rejection);
                }

                if (result.Message is not SipRequest request)
                {
                    return;
                }

                SipTransactionKeys.ForServer(request);
                SipResponseRouting.DestinationFor(request, source, Sip.Transport.SipTransportProtocol.Udp);
                SipMessageWriter.ToBytes(validator.Validate(request) ?? SipResponseFactory.Create(request, 200, toTag: "t"));
                if (SdpParser.TryParse(request.Body.Span, out var offer, out _))
                {
                    var answer = negotiator.Answer(offer);
                    answer.Answer?.ToBytes();
                    _ = negotiator.ProcessAnswer(offer);
                }
            });
            Assert.True(failure is null, $"seed {Seed}, message {i}:\n{Encoding.UTF8.GetString(datagram)}\n{failure}");
        }
    }
}
