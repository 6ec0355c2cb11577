using Voice.Sip.Auth;
using Voice.Sip.Messages;
using Voice.Sip.Sdp;
using Voice.Sip.Tests.Transactions;
using Voice.Sip.Transactions;
using Voice.Sip.UserAgent;

namespace Voice.Sip.Tests.UserAgent;

/// <summary>Our UAC against a tiny trunk-like UAS that challenges every INVITE and checks the Digest answer.</summary>
public sealed class DigestChallengerTests : IAsyncLifetime
{
    private static readonly SipCredentials Secret = new("trunkuser", "s3cret");

    private readonly List<SipRequest> invites = [];
    private TransactionStack trunk = null!;
    private SipUserAgent alice = null!;
    private Task serving = Task.CompletedTask;

    public Task InitializeAsync()
    {
        trunk = TransactionStack.Start();
        alice = UserAgents.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await alice.DisposeAsync();
        await trunk.DisposeAsync();
        await serving;
    }

    [Theory]
    [InlineData(401, "MD5")]
    [InlineData(401, "SHA-256")]
    [InlineData(407, "MD5")]
    public async Task Challenged_invite_is_resent_with_credentials_and_a_higher_cseq(int challengeStatus, string algorithm)
    {
        serving = ServeAsync(challengeStatus, algorithm);

        var call = await alice.PlaceCallAsync(CallToTrunk() with { Credentials = Secret });

        Assert.True(await SipTestMessages.Within(call.Answered));
        Assert.Equal(2, invites.Count);
        Assert.Equal(invites[0].CSeq!.Value.Number + 1, invites[1].CSeq!.Value.Number);
        Assert.Equal(invites[0].CallId, invites[1].CallId);
        Assert.NotEqual(invites[0].TopVia!.Branch, invites[1].TopVia!.Branch);
    }

    [Fact]
    public async Task Challenged_invite_over_udp_is_resent_at_once_while_the_challenged_transaction_still_lingers()
    {
        // RFC timers: the challenged INVITE transaction stays Completed for Timer D (32 s) to absorb retransmissions.
        await alice.DisposeAsync();
        alice = UserAgents.Start(timers: new SipTimerSettings());
        serving = ServeAsync(407, "MD5");

        var call = await alice.PlaceCallAsync(CallToTrunk() with { Credentials = Secret });

        Assert.True(await SipTestMessages.Within(call.Answered, seconds: 10));
        Assert.Equal(2, invites.Count);
    }

    [Fact]
    public async Task Wrong_password_fails_the_call()
    {
        serving = ServeAsync(401, "MD5");

        var call = await alice.PlaceCallAsync(CallToTrunk() with { Credentials = Secret with { Password = "wrong" } });

        Assert.Equal(SipCallEndReason.Failed, await SipTestMessages.Within(call.Ended));
        Assert.Equal(2, invites.Count);
    }

    [Fact]
    public async Task Challenge_without_credentials_fails_the_call()
    {
        serving = ServeAsync(401, "MD5");

        var call = await alice.PlaceCallAsync(CallToTrunk());

        Assert.Equal(SipCallEndReason.Failed, await SipTestMessages.Within(call.Ended));
        Assert.Single(invites);
    }

    private SipOutboundCall CallToTrunk() => new()
    {
        Target = SipUri.Parse($"sip:+15551230000@{trunk.EndPoint}")!,
        From = new SipAddress(SipUri.Parse("sip:alice@127.0.0.1")!),
        Media = UserAgents.Media(),
    };

    private async Task ServeAsync(int challengeStatus, string algorithm)
    {
        const string realm = "trunk.test";
        var nonce = Guid.NewGuid().ToString("N");
        var headerName = challengeStatus == 401 ? "Authorization" : "Proxy-Authorization";
        try
        {
            await foreach (var incoming in trunk.Layer.IncomingRequests.ReadAllAsync())
            {
                var request = incoming.Request;
                if (request.Method != "INVITE")
                {
                    if (incoming.Transaction is { } other)
                    {
                        await other.SendResponseAsync(SipResponseFactory.Create(request, 200));
                    }

                    continue;
                }

                invites.Add(request);
                var credentials = request.Headers.Get(headerName);
                SipResponse response;
                if (credentials is null)
                {
                    response = SipResponseFactory.Create(request, challengeStatus, toTag: "trunk1");
                    var challenge = new DigestChallenge { Realm = realm, Nonce = nonce, Algorithm = algorithm, Qop = ["auth"], Opaque = "op" };
                    response.Headers.Add(challengeStatus == 401 ? "WWW-Authenticate" : "Proxy-Authenticate", challenge.ToString());
                }
                else if (DigestAuthenticator.Verify(credentials, "INVITE", realm, nonce, Secret) && SdpParser.TryParse(request.Body.Span, out var offer, out _))
                {
                    response = SipResponseFactory.Create(request, 200, toTag: "trunk2");
                    response.Headers.Add("Contact", $"<sip:trunk@{trunk.EndPoint}>");
                    response.Headers.Add("Content-Type", "application/sdp");
                    response.Body = new SdpNegotiator(UserAgents.Media(42000)).Answer(offer).Answer!.ToBytes();
                }
                else
                {
                    response = SipResponseFactory.Create(request, 403, toTag: "trunk3");
                }

                await incoming.Transaction!.SendResponseAsync(response);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
