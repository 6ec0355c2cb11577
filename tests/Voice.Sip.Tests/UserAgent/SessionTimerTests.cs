using Microsoft.Extensions.Time.Testing;
using Voice.Sip.Messages;
using Voice.Sip.UserAgent;

namespace Voice.Sip.Tests.UserAgent;

/// <summary>
/// RFC 4028 between two of our user agents on loopback. Each has its own fake clock for session timers, so a test
/// moves one side's time and not the other's: a caller whose clock stands still never refreshes.
/// </summary>
public sealed class SessionTimerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider aliceTime = new();
    private readonly FakeTimeProvider bobTime = new();
    private SipUserAgent alice = null!;
    private SipUserAgent bob = null!;

    public Task InitializeAsync()
    {
        bob = UserAgents.Start(time: bobTime);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await alice.DisposeAsync();
        await bob.DisposeAsync();
    }

    private async Task<(SipCall Caller, SipCall Callee)> AnsweredCallAsync(int intervalSeconds)
    {
        alice = UserAgents.Start(time: aliceTime, sessionTimers: new SipSessionTimerSettings { IntervalSeconds = intervalSeconds });
        var caller = await alice.PlaceCallAsync(UserAgents.CallTo(bob));
        var callee = await SipTestMessages.Within(bob.IncomingCalls.ReadAsync().AsTask());
        Assert.True(await callee.AnswerAsync(UserAgents.Media(41000)));
        Assert.True(await SipTestMessages.Within(caller.Answered));
        return (caller, callee);
    }

    [Fact]
    public async Task Our_invite_offers_timers_and_the_answer_makes_the_caller_the_refresher()
    {
        var (caller, callee) = await AnsweredCallAsync(1800);

        Assert.Equal("1800", callee.Invite.Headers.Get("Session-Expires"));
        Assert.Equal("90", callee.Invite.Headers.Get("Min-SE"));
        Assert.Contains("timer", callee.Invite.Headers.GetValues("Supported"));
        Assert.Equal(new SipSessionTimer(1800, SipRefresher.Uac, LocalIsUas: false), caller.SessionTimer);
        Assert.Equal(new SipSessionTimer(1800, SipRefresher.Uac, LocalIsUas: true), callee.SessionTimer);
    }

    [Fact]
    public async Task Without_a_refresh_the_callee_sends_bye_at_the_interval_less_a_third_and_the_call_ends_session_expired()
    {
        var (caller, callee) = await AnsweredCallAsync(90);

        bobTime.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(SipCallState.Established, callee.State);
        bobTime.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(SipCallEndReason.SessionExpired, await SipTestMessages.Within(callee.Ended));
        Assert.Equal(SipCallEndReason.RemoteHangup, await SipTestMessages.Within(caller.Ended));
        Assert.True((await SipTestMessages.Within(callee.ByeResponse))!.IsSuccess);
    }

    [Fact]
    public async Task The_refresher_reinvites_at_half_the_interval_which_restarts_the_callees_timer()
    {
        var (caller, callee) = await AnsweredCallAsync(90);
        var before = callee.SessionTimer;

        aliceTime.Advance(TimeSpan.FromSeconds(45));
        await SipTestMessages.Eventually(() => !ReferenceEquals(callee.SessionTimer, before));
        Assert.Equal(new SipSessionTimer(90, SipRefresher.Uac, LocalIsUas: true), callee.SessionTimer);

        // 60 s after the answer without that refresh the callee would have hung up; 59 s after it, it has not.
        bobTime.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal((SipCallState.Established, SipCallState.Established), (caller.State, callee.State));
        bobTime.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SipCallEndReason.SessionExpired, await SipTestMessages.Within(callee.Ended));
    }

    [Fact]
    public async Task An_interval_below_the_callees_min_se_is_raised_after_422_and_the_call_goes_through()
    {
        var (caller, callee) = await AnsweredCallAsync(60);

        Assert.Equal("90", callee.Invite.Headers.Get("Session-Expires"));
        Assert.Equal(2, callee.Invite.CSeq!.Value.Number);
        Assert.Equal(90, caller.SessionTimer!.Seconds);
    }

    [Fact]
    public async Task Hanging_up_stops_the_timer()
    {
        var (caller, callee) = await AnsweredCallAsync(90);
        await caller.HangupAsync();
        Assert.Equal(SipCallEndReason.RemoteHangup, await SipTestMessages.Within(callee.Ended));

        bobTime.Advance(TimeSpan.FromSeconds(120));
        Assert.Equal(SipCallEndReason.RemoteHangup, callee.EndReason);
        Assert.Null(await callee.ByeResponse);
    }
}
