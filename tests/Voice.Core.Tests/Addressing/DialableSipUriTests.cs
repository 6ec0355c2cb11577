using Voice.Media.Contracts.Addressing;

namespace Voice.Core.Tests.Addressing;

public sealed class DialableSipUriTests
{
    [Theory]
    [InlineData("sip:alice@example.com", true)]
    [InlineData("sips:alice@example.com:5061", true)]
    [InlineData("sip:127.0.0.1:5080", true)]
    [InlineData("SIP:bob@host;transport=tcp", true)]
    [InlineData("sip:+14155550123@trunk.example.com;user=phone", true)]
    [InlineData("sip:", false)]
    [InlineData("sip:@host", false)]
    [InlineData("sip:bob@", false)]
    [InlineData("sip:bob@host:0", false)]
    [InlineData("sip:bob@host:65536", false)]
    [InlineData("sip:bob@host:abc", false)]
    [InlineData("sip:bob@ho st", false)]
    [InlineData("sip:bob@host\r\nVia: x", false)]
    [InlineData("sip:bob@-host", false)]
    [InlineData("sip:bob@host_name", false)]
    [InlineData("sip:<bob@host>", false)]
    [InlineData("tel:+14155550123", false)]
    [InlineData("http://host", false)]
    [InlineData(null, false)]
    public void Sip_uri_must_be_dialable(string? value, bool expected) =>
        Assert.Equal(expected, DialableSipUri.IsValid(value));

    [Fact]
    public void Sip_uri_over_256_characters_is_refused() =>
        Assert.False(DialableSipUri.IsValid("sip:" + new string('a', 250) + "@host"));

    [Theory]
    [InlineData("sip.example.com", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("sip:sip.example.com", false)]
    [InlineData("example.com:5060", false)]
    [InlineData(".example.com", false)]
    [InlineData("", false)]
    public void A_sip_domain_is_a_bare_host(string value, bool expected) =>
        Assert.Equal(expected, DialableSipUri.IsDomain(value));
}
