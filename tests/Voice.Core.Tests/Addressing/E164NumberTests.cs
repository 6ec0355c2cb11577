using Voice.Media.Contracts.Addressing;

namespace Voice.Core.Tests.Addressing;

public sealed class E164NumberTests
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
    public void Canonical_form_is_a_plus_a_nonzero_digit_and_7_to_15_ascii_digits(string? value, bool expected) =>
        Assert.Equal(expected, E164Number.IsValid(value));

    [Theory]
    [InlineData("447700900000", "+447700900000")]
    [InlineData("+447700900000", "+447700900000")]
    [InlineData("0447700900000", null)]
    [InlineData("123456", null)]
    [InlineData("+44 7700", null)]
    public void Digits_without_the_plus_are_read_with_the_same_rules(string value, string? expected) =>
        Assert.Equal(expected, E164Number.FromDigits(value)?.Value);

    [Theory]
    [InlineData("+15550100001", "+15550100001")]
    [InlineData("15550100001", "+15550100001")]
    [InlineData("sip:+15550100001@127.0.0.1:5060", "+15550100001")]
    [InlineData("sip:15550100001@host;user=phone", "+15550100001")]
    [InlineData("SIPS:+15550100001@host", "+15550100001")]
    [InlineData("sip:+15550100001;user=phone@host", "+15550100001")]
    [InlineData("tel:+15550100001", "+15550100001")]
    [InlineData("sip:alice@host", null)]
    [InlineData("sip:+0555@host", null)]
    [InlineData("", null)]
    public void The_dialled_number_of_a_request_uri_is_its_user_part(string value, string? expected) =>
        Assert.Equal(expected, E164Number.FromDialledAddress(value)?.Value);
}
