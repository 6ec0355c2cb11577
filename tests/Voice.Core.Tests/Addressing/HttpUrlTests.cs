using Voice.Core.Addressing;

namespace Voice.Core.Tests.Addressing;

public sealed class HttpUrlTests
{
    [Theory]
    [InlineData("https://example.com/hook", true)]
    [InlineData("http://127.0.0.1:8080/x?y=1", true)]
    [InlineData("ftp://example.com", false)]
    [InlineData("/relative", false)]
    [InlineData("example.com/x", false)]
    [InlineData("https://example.com/a b", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Webhook_urls_are_absolute_http_or_https_without_whitespace(string? value, bool expected) =>
        Assert.Equal(expected, HttpUrl.IsAbsolute(value));
}
