using Voice.MediaNode.Commands;

namespace Voice.MediaNode.Tests.Commands;

public sealed class RecentCommandIdsTests
{
    [Fact]
    public void Remembered_id_is_recognised()
    {
        var ids = new RecentCommandIds(4);
        ids.Add("a");

        Assert.True(ids.Contains("a"));
        Assert.False(ids.Contains("b"));
    }

    [Fact]
    public void Least_recently_seen_id_is_forgotten_first_when_full()
    {
        var ids = new RecentCommandIds(2);
        ids.Add("a");
        ids.Add("b");
        Assert.True(ids.Contains("a"));

        ids.Add("c");

        Assert.True(ids.Contains("a"));
        Assert.False(ids.Contains("b"));
        Assert.True(ids.Contains("c"));
    }

    [Fact]
    public void Capacity_must_be_positive() => Assert.Throws<ArgumentOutOfRangeException>(() => new RecentCommandIds(0));
}
