using Voice.MediaNode.Calls;
using Voice.Storage;

namespace Voice.MediaNode.Tests.Calls;

public sealed class InboundCallIdsTests
{
    [Fact]
    public void Inbound_call_id_is_a_well_formed_platform_call_id()
    {
        var id = InboundCallIds.New(DateTimeOffset.UtcNow);

        Assert.True(SortableIds.IsWellFormed(id, SortableIds.CallPrefix), id);
    }

    [Fact]
    public void Later_inbound_call_sorts_before_an_earlier_one_like_every_call_id()
    {
        var earlier = InboundCallIds.New(new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero));
        var later = InboundCallIds.New(new DateTimeOffset(2026, 11, 23, 17, 0, 1, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(later, earlier) < 0, $"{later} should sort before {earlier}");
    }

    [Fact]
    public void Two_inbound_calls_in_the_same_tick_get_different_ids()
    {
        var now = DateTimeOffset.UtcNow;

        Assert.NotEqual(InboundCallIds.New(now), InboundCallIds.New(now));
    }
}
