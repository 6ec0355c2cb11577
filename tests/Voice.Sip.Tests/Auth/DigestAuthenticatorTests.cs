using Voice.Sip.Auth;

namespace Voice.Sip.Tests.Auth;

public sealed class DigestAuthenticatorTests
{
    [Fact]
    public void Rfc2617_example_response_is_reproduced()
    {
        // RFC 2617 §3.5 (HTTP example; the digest arithmetic is the same for SIP).
        var response = DigestAuthenticator.ComputeResponse("MD5", "Mufasa", "Circle Of Life", "testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "GET", "/dir/index.html", "00000001", "0a4f113b");

        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Fact]
    public void Challenge_round_trips_and_answers_verify()
    {
        var challenge = new DigestChallenge { Realm = "r", Nonce = "n", Algorithm = "SHA-256", Qop = ["auth", "auth-int"], Opaque = "o" };
        Assert.True(DigestChallenge.TryParse(challenge.ToString(), out var parsed));
        Assert.Equal(["auth", "auth-int"], parsed.Qop);
        Assert.Equal("SHA-256", parsed.Algorithm);

        var credentials = new SipCredentials("u", "p");
        var authorization = DigestAuthenticator.CreateAuthorization(parsed, credentials, "INVITE", "sip:x@y", 1, "abc");

        Assert.True(DigestAuthenticator.Verify(authorization, "INVITE", "r", "n", credentials));
        Assert.False(DigestAuthenticator.Verify(authorization, "BYE", "r", "n", credentials));
        Assert.False(DigestAuthenticator.Verify(authorization, "INVITE", "r", "other", credentials));
    }

    [Fact]
    public void Challenge_without_qop_gets_an_rfc2069_answer()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\"", out var challenge));

        var authorization = DigestAuthenticator.CreateAuthorization(challenge, new SipCredentials("u", "p"), "INVITE", "sip:x@y");

        Assert.DoesNotContain("qop", authorization, StringComparison.Ordinal);
        Assert.True(DigestAuthenticator.Verify(authorization, "INVITE", "r", "n", new SipCredentials("u", "p")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Basic realm=\"x\"")]
    [InlineData("Digest realm=\"x\"")]
    [InlineData("Digest realm=\"x, nonce=\"y\"")]
    [InlineData("Digest =\"x\", nonce=y")]
    [InlineData("NoOneKnowsThisScheme opaque-data=here")]
    public void Malformed_or_foreign_challenges_are_rejected(string value)
    {
        Assert.False(DigestChallenge.TryParse(value, out _));
        Assert.False(DigestAuthenticator.Verify(value, "INVITE", "x", "y", new SipCredentials("u", "p")));
    }
}
