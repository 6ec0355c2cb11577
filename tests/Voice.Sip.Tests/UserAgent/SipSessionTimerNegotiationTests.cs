using Voice.Sip.Messages;
using Voice.Sip.UserAgent;

namespace Voice.Sip.Tests.UserAgent;

public sealed class SipSessionTimerNegotiationTests
{
    private static readonly SipSessionTimerSettings Ours = new();

    private static SipRequest Invite(params (string Name, string Value)[] headers)
    {
        var request = new SipRequest(SipMethods.Invite, SipUri.Parse("sip:bob@127.0.0.1")!);
        request.Headers.Add("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKst1");
        request.Headers.Add("From", "<sip:alice@test>;tag=a1");
        request.Headers.Add("To", "<sip:bob@127.0.0.1>");
        request.Headers.Add("Call-ID", "st-1@test");
        request.Headers.Add("CSeq", "1 INVITE");
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    [Fact]
    public void A_caller_that_asks_uac_refresh_gets_it_echoed_with_require_timer()
    {
        Assert.Null(SipSessionTimerNegotiation.Answer(Invite(("Session-Expires", "90;refresher=uac"), ("Supported", "timer")), Ours, out var timer));
        Assert.Equal(new SipSessionTimer(90, SipRefresher.Uac, LocalIsUas: true), timer);
        Assert.False(timer!.LocalRefreshes);
        Assert.Equal(TimeSpan.FromSeconds(60), timer.ExpireAfter);

        var ok = new SipResponse(200, "OK");
        SipSessionTimerNegotiation.AddToResponse(ok, timer);
        Assert.Equal("90;refresher=uac", ok.Headers.Get("Session-Expires"));
        Assert.Equal(["timer"], ok.Headers.GetValues("Require"));
        Assert.Equal(["timer"], ok.Headers.GetValues("Supported"));
    }

    [Fact]
    public void A_caller_that_supports_timers_but_leaves_the_refresher_open_refreshes_itself()
    {
        Assert.Null(SipSessionTimerNegotiation.Answer(Invite(("Session-Expires", "1800"), ("Supported", "replaces, timer")), Ours, out var timer));
        Assert.Equal(SipRefresher.Uac, timer!.Refresher);
    }

    [Fact]
    public void Without_support_for_timers_the_caller_cannot_refresh_so_we_do_and_require_nothing()
    {
        // A proxy inserted Session-Expires; the UAC itself knows nothing of timers (RFC 4028 §9).
        Assert.Null(SipSessionTimerNegotiation.Answer(Invite(("Session-Expires", "1800;refresher=uac")), Ours, out var timer));
        Assert.Equal(new SipSessionTimer(1800, SipRefresher.Uas, LocalIsUas: true), timer);
        Assert.True(timer!.LocalRefreshes);
        Assert.Equal(TimeSpan.FromSeconds(900), timer.RefreshAfter);

        var ok = new SipResponse(200, "OK");
        SipSessionTimerNegotiation.AddToResponse(ok, timer);
        Assert.Equal("1800;refresher=uas", ok.Headers.Get("Session-Expires"));
        Assert.Empty(ok.Headers.GetValues("Require"));
    }

    [Fact]
    public void An_interval_below_our_min_se_gets_422_naming_it()
    {
        var refusal = SipSessionTimerNegotiation.Answer(Invite(("Session-Expires", "60;refresher=uac"), ("Supported", "timer"), ("Min-SE", "30")), Ours, out var timer);
        Assert.Null(timer);
        Assert.Equal(422, refusal!.StatusCode);
        Assert.Equal("90", refusal.Headers.Get("Min-SE"));
    }

    [Theory]
    [InlineData("Session-Expires", "soon", "Bad Session-Expires")]
    [InlineData("Session-Expires", "90;refresher=proxy", "Bad Session-Expires")]
    [InlineData("Min-SE", "-1", "Bad Min-SE")]
    public void Malformed_timer_headers_get_400_saying_which(string name, string value, string reason)
    {
        var refusal = SipSessionTimerNegotiation.Answer(Invite((name, value), ("Supported", "timer")), Ours, out _);
        Assert.Equal((400, reason), (refusal!.StatusCode, refusal.ReasonPhrase));
    }

    [Fact]
    public void No_session_expires_means_no_timer()
    {
        Assert.Null(SipSessionTimerNegotiation.Answer(Invite(("Supported", "timer")), Ours, out var timer));
        Assert.Null(timer);
    }

    [Theory]
    [InlineData("90;refresher=uac", 90, true)]
    [InlineData("1800;refresher=uas", 1800, false)]
    [InlineData("1800", 1800, true)]
    public void A_2xx_to_our_invite_sets_the_timer_it_states(string value, int seconds, bool weRefresh)
    {
        var ok = new SipResponse(200, "OK");
        ok.Headers.Add("Session-Expires", value);
        var timer = SipSessionTimerNegotiation.FromAnswer(ok);
        Assert.Equal((seconds, weRefresh), (timer!.Seconds, timer.LocalRefreshes));
    }

    [Fact]
    public void A_2xx_without_session_expires_or_with_a_malformed_one_sets_none()
    {
        Assert.Null(SipSessionTimerNegotiation.FromAnswer(new SipResponse(200, "OK")));
        var bad = new SipResponse(200, "OK");
        bad.Headers.Add("Session-Expires", "x;refresher=uac");
        Assert.Null(SipSessionTimerNegotiation.FromAnswer(bad));
    }

    [Theory]
    [InlineData(90, 45, 60)]
    [InlineData(1800, 900, 1768)]
    public void Refresh_at_half_and_bye_at_the_interval_less_min_32s_or_a_third(int seconds, int refreshAt, int expireAt)
    {
        var timer = new SipSessionTimer(seconds, SipRefresher.Uac, LocalIsUas: false);
        Assert.Equal((TimeSpan.FromSeconds(refreshAt), TimeSpan.FromSeconds(expireAt)), (timer.RefreshAfter, timer.ExpireAfter));
    }
}
