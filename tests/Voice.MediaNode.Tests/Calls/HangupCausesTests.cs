using Voice.MediaNode.Calls;

namespace Voice.MediaNode.Tests.Calls;

public sealed class HangupCausesTests
{
    [Theory]
    [InlineData(486, "busy")]
    [InlineData(600, "busy")]
    [InlineData(480, "no_answer")]
    [InlineData(408, "no_answer")]
    [InlineData(404, "not_found")]
    [InlineData(603, "rejected")]
    [InlineData(487, "canceled")]
    [InlineData(500, "failed")]
    [InlineData(403, "failed")]
    public void Final_response_maps_to_a_hangup_cause(int status, string cause) =>
        Assert.Equal(cause, HangupCauses.FromFinalResponse(status));

    [Theory]
    [InlineData("busy", 486)]
    [InlineData("rejected", 603)]
    [InlineData("unavailable", 480)]
    public void Reject_reason_maps_to_a_sip_status(string reason, int status)
    {
        Assert.True(HangupCauses.TryGetRejectStatus(reason, out var code));
        Assert.Equal(status, code);
    }

    [Fact]
    public void Unknown_reject_reason_is_refused() => Assert.False(HangupCauses.TryGetRejectStatus("go away", out _));
}
