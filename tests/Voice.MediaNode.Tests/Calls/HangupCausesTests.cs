using Voice.MediaNode.Calls;

namespace Voice.MediaNode.Tests.Calls;

public sealed class HangupCausesTests
{
    [Theory]
    [InlineData("busy", 486)]
    [InlineData("rejected", 603)]
    [InlineData("unavailable", 480)]
    [InlineData("not_found", 404)]
    public void Reject_reason_maps_to_a_sip_status(string reason, int status)
    {
        Assert.True(HangupCauses.TryGetRejectStatus(reason, out var code));
        Assert.Equal(status, code);
    }

    [Fact]
    public void Unknown_reject_reason_is_refused() => Assert.False(HangupCauses.TryGetRejectStatus("go away", out _));
}
