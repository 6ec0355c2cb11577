using Voice.Media.Taps;

namespace Voice.Media.Tests.Taps;

public sealed class SilenceWatchTests
{
    [Fact]
    public void Silence_grows_by_20_ms_a_quiet_frame_and_resets_on_a_loud_one()
    {
        var watch = new SilenceWatch();
        var quiet = new short[160];
        var hiss = Enumerable.Range(0, 160).Select(i => (short)(i % 2 == 0 ? 40 : -40)).ToArray();
        var tone = Enumerable.Range(0, 160).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000))).ToArray();

        watch.OnFrame(quiet, tone);
        watch.OnFrame(hiss, tone);
        Assert.Equal(TimeSpan.FromMilliseconds(40), watch.SilentFor);

        watch.OnFrame(tone, quiet);
        Assert.Equal(TimeSpan.Zero, watch.SilentFor);
        watch.OnFrame(ReadOnlySpan<short>.Empty, quiet);
        Assert.Equal(TimeSpan.FromMilliseconds(20), watch.SilentFor);
    }
}
