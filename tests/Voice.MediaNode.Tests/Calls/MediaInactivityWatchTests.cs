using Voice.MediaNode.Calls;

namespace Voice.MediaNode.Tests.Calls;

public sealed class MediaInactivityWatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    [Fact]
    public void Silence_for_the_timeout_expires_and_not_a_moment_before()
    {
        var watch = new MediaInactivityWatch(TimeSpan.FromSeconds(60));
        Assert.False(watch.Expired(At(0), 100, held: false));
        Assert.False(watch.Expired(At(59.9), 100, held: false));
        Assert.True(watch.Expired(At(60), 100, held: false));
    }

    [Fact]
    public void Any_packet_restarts_the_wait()
    {
        var watch = new MediaInactivityWatch(TimeSpan.FromSeconds(10));
        watch.Expired(At(0), 5, held: false);
        Assert.False(watch.Expired(At(9), 6, held: false));
        Assert.False(watch.Expired(At(18), 6, held: false));
        Assert.True(watch.Expired(At(19), 6, held: false));
    }

    [Fact]
    public void A_call_that_never_sent_anything_expires_counted_from_the_first_sample()
    {
        var watch = new MediaInactivityWatch(TimeSpan.FromSeconds(3));
        Assert.False(watch.Expired(At(0), 0, held: false));
        Assert.True(watch.Expired(At(3), 0, held: false));
    }

    [Fact]
    public void A_held_call_never_expires_and_gets_the_whole_timeout_after_unhold()
    {
        var watch = new MediaInactivityWatch(TimeSpan.FromSeconds(10));
        watch.Expired(At(0), 7, held: false);
        Assert.False(watch.Expired(At(5), 7, held: true));
        Assert.False(watch.Expired(At(500), 7, held: true));
        Assert.False(watch.Expired(At(509), 7, held: false));
        Assert.True(watch.Expired(At(510), 7, held: false));
    }

    [Fact]
    public void A_zero_timeout_is_disabled_and_never_expires()
    {
        var watch = new MediaInactivityWatch(TimeSpan.Zero);
        Assert.False(watch.IsEnabled);
        watch.Expired(At(0), 0, held: false);
        Assert.False(watch.Expired(At(100_000), 0, held: false));
    }

    [Theory]
    [InlineData(60, 1000)]
    [InlineData(3, 750)]
    [InlineData(0.2, 100)]
    public void Samples_often_enough_to_end_within_a_fraction_of_the_timeout(double timeoutSeconds, int periodMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(periodMs), new MediaInactivityWatch(TimeSpan.FromSeconds(timeoutSeconds)).SamplePeriod);
}
