using Microsoft.Extensions.Time.Testing;
using Voice.Sip.Tests.UserAgent;
using Voice.Sip.Transactions;
using Voice.Sip.UserAgent;
using Voice.Testing;

namespace Voice.Sip.Tests.Peers;

/// <summary>Session timers (RFC 4028) of our user agent against sipp, an independent implementation, as the caller.</summary>
public sealed class SippSessionTimerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new();
    private SipUserAgent agent = null!;

    public Task InitializeAsync()
    {
        // RFC timers: sipp ACKs our 200 long before it would be retransmitted.
        agent = UserAgents.Start(timers: new SipTimerSettings(), time: time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await agent.DisposeAsync();

    private static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Peers", "Scenarios", name);

    [Fact]
    public async Task A_caller_refreshing_itself_gets_its_timer_echoed_and_our_bye_when_it_stops_refreshing()
    {
        await using var sipp = Sipp.Start(Scenario("session-timer-uac-stops-refreshing.xml"), agent.Transport.LocalEndPoint.Port);
        var call = await SipTestMessages.Within(agent.IncomingCalls.ReadAsync().AsTask(), 15);
        Assert.True(await call.AnswerAsync(UserAgents.Media(FreePorts.NextBlock(2))));
        Assert.Equal(new SipSessionTimer(90, Messages.SipRefresher.Uac, LocalIsUas: true), call.SessionTimer);

        time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(SipCallEndReason.SessionExpired, await SipTestMessages.Within(call.Ended));
        Assert.True(0 == await sipp.ExitCodeAsync(), sipp.Output);
        Assert.True((await SipTestMessages.Within(call.ByeResponse))!.IsSuccess);
    }

    [Fact]
    public async Task A_caller_asking_for_less_than_90_s_gets_422_with_our_min_se()
    {
        await using var sipp = Sipp.Start(Scenario("session-timer-too-small.xml"), agent.Transport.LocalEndPoint.Port);

        Assert.True(0 == await sipp.ExitCodeAsync(), sipp.Output);
        Assert.False(agent.IncomingCalls.TryRead(out _));
    }
}
