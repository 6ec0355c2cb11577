using Voice.MediaNode.Configuration;

namespace Voice.MediaNode.Tests.Configuration;

public sealed class MediaNodeOptionsValidatorTests
{
    private static IEnumerable<string> Failures(Action<MediaNodeOptions> change)
    {
        var options = new MediaNodeOptions();
        change(options);
        return new MediaNodeOptionsValidator().Validate(null, options).Failures ?? [];
    }

    [Fact]
    public void Defaults_are_valid() => Assert.Empty(Failures(_ => { }));

    [Theory]
    [InlineData(-1)]
    [InlineData(3601)]
    public void Media_inactivity_timeout_out_of_range_is_refused(int seconds) =>
        Assert.Contains(Failures(o => o.Media.InactivityTimeoutSeconds = seconds), f => f.StartsWith("MediaNode__Media__InactivityTimeoutSeconds", StringComparison.Ordinal));

    [Theory]
    [InlineData(89)]
    [InlineData(86401)]
    public void Session_expires_outside_rfc_4028_range_is_refused(int seconds) =>
        Assert.Contains(Failures(o => o.Sip.SessionExpiresSeconds = seconds), f => f.StartsWith("MediaNode__Sip__SessionExpiresSeconds", StringComparison.Ordinal));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(3600)]
    public void Media_inactivity_timeout_may_be_off_or_up_to_an_hour(int seconds) =>
        Assert.Empty(Failures(o => o.Media.InactivityTimeoutSeconds = seconds));

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("localhost:5060")]
    [InlineData("10.0.0.1:99999")]
    [InlineData("")]
    public void Listen_address_must_be_an_ip_endpoint_with_a_port(string address) =>
        Assert.Contains(Failures(o => o.Sip.ListenAddress = address), f => f.StartsWith("MediaNode__Sip__ListenAddress", StringComparison.Ordinal));

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("node.example.com:5080")]
    public void Advertised_address_may_be_a_host_or_host_and_port(string address) =>
        Assert.Empty(Failures(o => o.Sip.AdvertisedAddress = address));

    [Fact]
    public void Advertised_address_with_a_bad_port_is_refused() =>
        Assert.Contains(Failures(o => o.Sip.AdvertisedAddress = "203.0.113.7:0"), f => f.StartsWith("MediaNode__Sip__AdvertisedAddress", StringComparison.Ordinal));

    [Theory]
    [InlineData(20001, 20999, "PortMin")]
    [InlineData(80, 20999, "PortMin")]
    [InlineData(20000, 20000, "PortMax")]
    [InlineData(20000, 19000, "PortMax")]
    [InlineData(65534, 70000, "PortMax")]
    public void Rtp_range_must_start_even_and_hold_a_port_pair(int min, int max, string setting) =>
        Assert.Contains(Failures(o => (o.Rtp.PortMin, o.Rtp.PortMax) = (min, max)), f => f.StartsWith("MediaNode__Rtp__" + setting, StringComparison.Ordinal));

    [Theory]
    [InlineData("Rtp__ReceiveThreads", 0)]
    [InlineData("Rtp__ReceiveThreads", 17)]
    [InlineData("Clock__Threads", 0)]
    [InlineData("Clock__Phases", 0)]
    [InlineData("Clock__Phases", 201)]
    [InlineData("Clock__SpinMicroseconds", -1)]
    [InlineData("Clock__SpinMicroseconds", 2001)]
    public void Receive_threads_and_clock_settings_out_of_range_are_named(string setting, int value)
    {
        var failures = Failures(o =>
        {
            switch (setting)
            {
                case "Rtp__ReceiveThreads": o.Rtp.ReceiveThreads = value; break;
                case "Clock__Threads": o.Clock.Threads = value; break;
                case "Clock__Phases": o.Clock.Phases = value; break;
                default: o.Clock.SpinMicroseconds = value; break;
            }
        });

        Assert.Contains(failures, f => f.StartsWith("MediaNode__" + setting + " " + value, StringComparison.Ordinal));
    }

    [Fact]
    public void Trunk_uri_must_be_a_sip_uri() =>
        Assert.Contains(Failures(o => o.Trunk.Uri = "http://trunk"), f => f.StartsWith("MediaNode__Trunk__Uri", StringComparison.Ordinal));

    [Fact]
    public void Trunk_username_needs_a_password_or_a_secret_uri()
    {
        Assert.Contains(Failures(o => o.Trunk.Username = "alice"), f => f.StartsWith("MediaNode__Trunk__Username", StringComparison.Ordinal));
        Assert.Empty(Failures(o => (o.Trunk.Username, o.Trunk.Password) = ("alice", "secret")));
        Assert.Empty(Failures(o => (o.Trunk.Username, o.Trunk.PasswordSecretUri) = ("alice", "https://kv.vault.azure.net/secrets/trunk")));
    }

    [Theory]
    [InlineData("http://kv/secrets/x")]
    [InlineData("https://kv.vault.azure.net/keys/x")]
    [InlineData("https://kv.vault.azure.net/")]
    [InlineData("kv/secrets/x")]
    public void Password_secret_uri_must_be_an_https_secret_uri(string uri) =>
        Assert.Contains(Failures(o => o.Trunk.PasswordSecretUri = uri), f => f.StartsWith("MediaNode__Trunk__PasswordSecretUri", StringComparison.Ordinal));

    [Theory]
    [InlineData(19)]
    [InlineData(5001)]
    public void Command_poll_interval_out_of_range_is_named(int ms) =>
        Assert.Contains(Failures(o => o.Commands.MaxIdlePollMs = ms), f => f.StartsWith("MediaNode__Commands__MaxIdlePollMs", StringComparison.Ordinal));

    [Theory]
    [InlineData(0)]
    [InlineData(1025)]
    public void Commands_in_flight_limit_out_of_range_is_named(int limit) =>
        Assert.Contains(Failures(o => o.Commands.MaxCommandsInFlight = limit), f => f.StartsWith("MediaNode__Commands__MaxCommandsInFlight", StringComparison.Ordinal));

    [Theory]
    [InlineData(0)]
    [InlineData(301)]
    public void Command_visibility_timeout_out_of_range_is_named(int seconds) =>
        Assert.Contains(Failures(o => o.Commands.VisibilityTimeoutSeconds = seconds), f => f.StartsWith("MediaNode__Commands__VisibilityTimeoutSeconds", StringComparison.Ordinal));

    [Fact]
    public void Every_wrong_setting_is_named_at_once() =>
        Assert.Equal(3, Failures(o => (o.HealthPort, o.Rtp.PortMin, o.Sip.ListenAddress) = (0, 3, "x")).Count());
}
