using Voice.Sip.Dialogs;
using Voice.Sip.Messages;
using Voice.Sip.Parsing;

namespace Voice.Sip.Tests.Parsing;

public sealed class TortureMessageTests
{
    // A UAS that also plays registrar and message sink, so RFC 4475's REGISTER and MESSAGE cases reach the checks they test.
    private static readonly SipRequestValidator Validator = new(new SipUasPolicy
    {
        AllowedMethods = ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "MESSAGE"],
        AcceptedContentTypes = ["application/sdp"],
    });

    public static TheoryData<string> Names() => new(TortureVectors.AllNames());

    [Fact]
    public void Every_rfc4475_message_is_present_and_has_an_expectation()
    {
        var names = TortureVectors.AllNames().ToList();
        Assert.Equal(49, names.Count);
        Assert.All(names, n => Assert.True(TortureExpectation.ByName.ContainsKey(n), n));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Torture_message_is_handled_as_rfc4475_says(string name)
    {
        var expected = TortureExpectation.ByName[name];
        var result = SipMessageParser.Parse(TortureVectors.Load(name));

        switch (expected.Outcome)
        {
            case TortureOutcome.RejectedRequest:
                Assert.False(result.IsValid);
                Assert.True(result.CanReject, result.Error);
                var rejection = result.CreateRejection()!;
                Assert.Equal(expected.Status, rejection.StatusCode);
                Assert.False(string.IsNullOrEmpty(rejection.ReasonPhrase));
                Assert.NotNull(rejection.CallId);
                Assert.NotEmpty(rejection.Headers.GetValues(SipHeaderNames.Via));
                break;
            case TortureOutcome.DroppedResponse:
                Assert.False(result.IsValid);
                Assert.False(result.CanReject);
                Assert.Null(result.CreateRejection());
                break;
            case TortureOutcome.ValidResponse:
                Assert.True(result.IsValid, result.Error);
                Assert.IsType<SipResponse>(result.Message);
                AssertRoundTrips(result.Message!);
                break;
            default:
                Assert.True(result.IsValid, result.Error);
                var request = Assert.IsType<SipRequest>(result.Message);
                AssertRoundTrips(request);
                var response = Validator.Validate(request);
                if (expected.Outcome == TortureOutcome.Accepted)
                {
                    Assert.Null(response);
                }
                else
                {
                    Assert.NotNull(response);
                    Assert.Equal(expected.Status, response.StatusCode);
                    AssertRequiredResponseHeader(response);
                }

                break;
        }
    }

    // RFC 3261 §8.2: 420 lists what is unsupported, 415 says what is accepted, 401 carries a challenge we can verify.
    private static void AssertRequiredResponseHeader(SipResponse response)
    {
        switch (response.StatusCode)
        {
            case 420:
                Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], response.Headers.GetValues(SipHeaderNames.Unsupported));
                break;
            case 415 or 406:
                Assert.Equal("application/sdp", response.Headers.Get(SipHeaderNames.Accept));
                break;
            case 401:
                Assert.StartsWith("Digest ", response.Headers.Get(SipHeaderNames.WwwAuthenticate), StringComparison.Ordinal);
                break;
            case 405:
                Assert.Contains("INVITE", response.Headers.Get(SipHeaderNames.Allow), StringComparison.Ordinal);
                break;
        }
    }

    internal static void AssertRoundTrips(SipMessage message)
    {
        var bytes = SipMessageWriter.ToBytes(message);
        var again = SipMessageParser.Parse(bytes);
        Assert.True(again.IsValid, again.Error);
        var copy = again.Message!;
        Assert.Equal(message.StartLine, copy.StartLine);
        Assert.Equal(WithoutContentLength(message), WithoutContentLength(copy));
        Assert.Equal(message.Body.ToArray(), copy.Body.ToArray());
        Assert.Equal(bytes, SipMessageWriter.ToBytes(copy));
    }

    private static List<SipHeader> WithoutContentLength(SipMessage m) =>
        m.Headers.All.Where(h => h.Name != SipHeaderNames.ContentLength).ToList();
}
