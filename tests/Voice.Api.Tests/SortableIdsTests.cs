using Voice.Media.Contracts;

namespace Voice.Api.Tests;

public sealed class SortableIdsTests
{
    [Fact]
    public void Later_ids_sort_before_earlier_ones()
    {
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var earlier = SortableIds.New(SortableIds.CallPrefix, t);
        var later = SortableIds.New(SortableIds.CallPrefix, t.AddTicks(1));

        Assert.True(string.CompareOrdinal(later, earlier) < 0);
    }

    [Fact]
    public void Ids_made_at_the_same_instant_differ()
    {
        var t = DateTimeOffset.UtcNow;

        Assert.NotEqual(SortableIds.New(SortableIds.CallPrefix, t), SortableIds.New(SortableIds.CallPrefix, t));
    }

    [Fact]
    public void New_ids_are_well_formed_for_their_prefix_only()
    {
        var id = SortableIds.New(SortableIds.ConferencePrefix, DateTimeOffset.UtcNow);

        Assert.True(SortableIds.IsWellFormed(id, SortableIds.ConferencePrefix));
        Assert.False(SortableIds.IsWellFormed(id, SortableIds.CallPrefix));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CA")]
    [InlineData("CA7fffffffffffffff000000000000000")]
    [InlineData("CA7fffffffffffffff000000000000000/")]
    [InlineData("CA7fffffffffffffff00000000000000'0")]
    public void Malformed_ids_are_refused(string? id) =>
        Assert.False(SortableIds.IsWellFormed(id, SortableIds.CallPrefix));
}
