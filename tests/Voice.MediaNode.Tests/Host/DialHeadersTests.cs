using Voice.Media.Contracts;
using Voice.MediaNode.Tests.Fuzz;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>A dial's extension headers reach the INVITE; other headers a command names never do.</summary>
public sealed class DialHeadersTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_dial_sends_its_X_headers_in_the_invite_and_drops_any_other_header()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        await using var callee = new FuzzSocket();
        var dial = new DialCommand
        {
            Id = "cmd-" + Guid.NewGuid().ToString("N"),
            CallId = "call-" + Guid.NewGuid().ToString("N"),
            To = $"sip:callee@127.0.0.1:{callee.LocalEndPoint.Port}",
            From = "+15550100",
            TimeoutSeconds = 10,
            Headers = new Dictionary<string, string> { ["X-Trace-Id"] = "abc-123", ["P-Asserted-Identity"] = "<sip:evil@example.com>" },
        };
        await node.SendAsync(dial);

        var invite = await callee.RequestAsync(r => r.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.NotNull(invite);
        var head = invite[..invite.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.Contains("\r\nX-Trace-Id: abc-123", head, StringComparison.Ordinal);
        Assert.DoesNotContain("P-Asserted-Identity", head, StringComparison.OrdinalIgnoreCase);

        await node.SendAsync(new HangupCommand { Id = "cmd-" + Guid.NewGuid().ToString("N"), CallId = dial.CallId });
        await node.EventsAsync(e => e.CallId == dial.CallId && e is HangupEvent, 1);
    }
}
