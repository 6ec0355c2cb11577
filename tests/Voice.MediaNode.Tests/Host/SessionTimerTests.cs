using Voice.Media.Contracts;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>RFC 4028 through the whole node: a sipp caller asks for session timers, then stops refreshing.</summary>
public sealed class SessionTimerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    // Real time: the node's clock is the system's, and 90 s is the shortest interval RFC 4028 allows, so the BYE comes
    // 60 s after the answer (90 - min(32, 90/3)). The user agent's own tests cover the same with a fake clock.
    [Fact]
    public async Task A_caller_that_stops_refreshing_its_session_is_hung_up_with_session_timeout()
    {
        // sipp sends no RTP: without this the media watch would end the call at the same 60 s.
        await using var node = await RunningNode.StartAsync(azurite, [new("MediaNode:Media:InactivityTimeoutSeconds", "0")]);
        var scenario = Path.Combine(AppContext.BaseDirectory, "Scenarios", "session-timer-uac-stops-refreshing.xml");
        await using var sipp = Sipp.Start(scenario, node.SipPort, timeoutSeconds: 120);

        var incoming = Assert.Single(await node.EventsAsync(e => e is IncomingCallEvent, 1, seconds: 30));
        await node.SendAsync(new AnswerCommand { Id = NewId(), CallId = incoming.CallId });
        Assert.Single(await node.EventsAsync(e => e.CallId == incoming.CallId && e is AnsweredEvent, 1, seconds: 30));

        var hangup = Assert.IsType<HangupEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == incoming.CallId && e is HangupEvent, 1, seconds: 90)));
        Assert.Equal(("session_timeout", "local"), (hangup.Cause, hangup.Side));
        Assert.True(0 == await sipp.ExitCodeAsync(30), sipp.Output);
    }
}
