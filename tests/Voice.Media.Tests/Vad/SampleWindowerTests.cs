using Voice.Media.Vad;

namespace Voice.Media.Tests.Vad;

public class SampleWindowerTests
{
    [Fact]
    public void Frames_of_160_become_windows_of_256_in_order()
    {
        var windower = new SampleWindower(256);
        var output = new List<short>();
        var input = Enumerable.Range(0, 1600).Select(i => (short)i).ToArray();
        for (var i = 0; i < input.Length; i += 160)
        {
            windower.Append(input.AsSpan(i, 160));
            while (windower.TryRead(out var window))
            {
                Assert.Equal(256, window.Length);
                output.AddRange(window.ToArray());
            }
        }

        Assert.Equal(input.Take(1536), output);
    }

    [Fact]
    public void More_than_a_window_at_once_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SampleWindower(256).Append(new short[257]));
    }

    [Fact]
    public void Appending_over_an_unread_window_is_refused()
    {
        var windower = new SampleWindower(256);
        windower.Append(new short[200]);
        windower.Append(new short[200]);
        Assert.Throws<InvalidOperationException>(() => windower.Append(new short[10]));
    }
}
