namespace Voice.OutboundHttp.Tests;

public class OutboundTargetGuardTests
{
    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.com/")]
    [InlineData("/relative/hook")]
    [InlineData("http://user:pass@example.com/hook")]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://192.168.1.20/hook")]
    [InlineData("http://172.20.0.1/hook")]
    [InlineData("http://169.254.169.254/metadata/instance")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[::ffff:a9fe:a9fe]/latest/meta-data")]
    [InlineData("http://100.100.100.200/hook")]
    [InlineData("http://0.0.0.0:80/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://0x7f.1/hook")]
    public async Task Non_public_or_non_http_target_is_refused(string url)
    {
        var check = await new OutboundTargetGuard(allowPrivateTargets: false).CheckAsync(new Uri(url, UriKind.RelativeOrAbsolute), false, default);

        Assert.False(check.Allowed);
        Assert.NotNull(check.Reason);
    }

    [Theory]
    [InlineData("https://93.184.215.14/hook")]
    [InlineData("http://8.8.8.8:8080/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    public async Task Public_http_target_is_allowed(string url)
    {
        var check = await new OutboundTargetGuard(allowPrivateTargets: false).CheckAsync(new Uri(url), false, default);

        Assert.True(check.Allowed, check.Reason);
    }

    [Fact]
    public async Task Dev_mode_or_account_flag_allows_loopback()
    {
        var loopback = new Uri("http://127.0.0.1:9/hook");

        Assert.True((await new OutboundTargetGuard(allowPrivateTargets: true).CheckAsync(loopback, false, default)).Allowed);
        Assert.True((await new OutboundTargetGuard(allowPrivateTargets: false).CheckAsync(loopback, true, default)).Allowed);
    }
}
