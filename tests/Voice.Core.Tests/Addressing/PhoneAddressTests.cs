using Voice.Core.Addressing;

namespace Voice.Core.Tests.Addressing;

public sealed class PhoneAddressTests
{
    [Theory]
    [InlineData("+1234567", true)]
    [InlineData("+123456789012345", true)]
    [InlineData("+14155550123", true)]
    [InlineData("+123456", false)]
    [InlineData("+1234567890123456", false)]
    [InlineData("+0123456789", false)]
    [InlineData("14155550123", false)]
    [InlineData("+1415555012x", false)]
    [InlineData("+1 415 555 0123", false)]
    [InlineData("+", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("+١٢٣٤٥٦٧٨", false)]
    public void E164_is_a_plus_a_nonzero_digit_and_7_to_15_ascii_digits(string? value, bool expected) =>
        Assert.Equal(expected, PhoneAddress.IsE164(value));

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
        Assert.Equal(expected, PhoneAddress.IsSipUri(value));

    [Fact]
    public void Sip_uri_over_256_characters_is_refused() =>
        Assert.False(PhoneAddress.IsSipUri("sip:" + new string('a', 250) + "@host"));

    [Theory]
    [InlineData("https://example.com/hook", true)]
    [InlineData("http://127.0.0.1:8080/x?y=1", true)]
    [InlineData("ftp://example.com", false)]
    [InlineData("/relative", false)]
    [InlineData("example.com/x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Webhook_urls_are_absolute_http_or_https(string? value, bool expected) =>
        Assert.Equal(expected, PhoneAddress.IsHttpUrl(value));
}
