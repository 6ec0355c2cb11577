using Voice.Sip.Messages;

namespace Voice.Sip.Tests.Parsing;

public sealed class SipSubscriptionHeaderTests
{
    [Theory]
    [InlineData("active;expires=60", "active", null, 60L, false)]
    [InlineData("terminated;reason=noresource", "terminated", "noresource", null, true)]
    [InlineData(" Terminated ; reason = timeout ", "terminated", "timeout", null, true)]
    [InlineData("pending", "pending", null, null, false)]
    public void Subscription_state_is_read(string text, string state, string? reason, long? expires, bool terminated)
    {
        Assert.True(SipSubscriptionState.TryParse(text, out var parsed));

        Assert.Equal(state, parsed.State);
        Assert.Equal(reason, parsed.Reason);
        Assert.Equal(expires, parsed.Expires);
        Assert.Equal(terminated, parsed.IsTerminated);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(";expires=60")]
    [InlineData("active;expires=soon")]
    [InlineData("active;expires=99999999999")]
    [InlineData("active expires=60")]
    [InlineData("act\"ive")]
    [InlineData("active;=x")]
    public void Malformed_subscription_state_is_refused(string text)
    {
        Assert.False(SipSubscriptionState.TryParse(text, out _));
    }

    [Theory]
    [InlineData("refer", "refer", null)]
    [InlineData("refer;id=93809824", "refer", "93809824")]
    [InlineData("Refer ; id = 7", "refer", "7")]
    [InlineData("presence", "presence", null)]
    public void Event_header_is_read(string text, string package, string? id)
    {
        Assert.True(SipEventHeader.TryParse(text, out var header));

        Assert.Equal(package, header.Package);
        Assert.Equal(id, header.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData(";id=1")]
    [InlineData("re fer")]
    [InlineData("refer;;")]
    [InlineData("refer;id=\"unterminated")]
    public void Malformed_event_header_is_refused(string text)
    {
        Assert.False(SipEventHeader.TryParse(text, out _));
    }
}
