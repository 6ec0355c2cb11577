using Voice.Media.Dtmf;
using Voice.Media.Playback;

namespace Voice.Media.Tests.Playback;

public class AudioPlayerTests
{
    [Fact]
    public void Plays_the_audio_in_frames_padded_with_silence_then_finishes()
    {
        var samples = Enumerable.Range(1, 400).Select(i => (short)i).ToArray();
        var player = new AudioPlayer(new PcmAudio(samples, 8000));
        var frames = ReadFrames(player, 4);

        Assert.Equal(samples, frames.SelectMany(f => f.Samples).Take(400));
        Assert.All(frames[2].Samples.Skip(80), s => Assert.Equal(0, s));
        Assert.Equal([true, true, true, false], frames.Select(f => f.More));
        Assert.True(player.IsFinished);
        Assert.False(player.WasStopped);
    }

    [Fact]
    public void Loops_the_given_number_of_times()
    {
        var player = new AudioPlayer(new PcmAudio(Enumerable.Repeat((short)7, 160).ToArray(), 8000), loops: 3);

        Assert.Equal([true, true, true, false], ReadFrames(player, 4).Select(f => f.More));
    }

    [Fact]
    public void Loop_count_zero_plays_until_stopped()
    {
        var player = new AudioPlayer(new PcmAudio(new short[100], 8000), loops: 0, bargeIn: true);

        Assert.All(ReadFrames(player, 50), f => Assert.True(f.More));
        player.Stop();
        Assert.False(player.Read(new short[160]));
        Assert.True(player.WasStopped);
        Assert.True(player.BargeIn);
    }

    [Fact]
    public void Sixteen_khz_audio_is_resampled_and_keeps_its_frequency()
    {
        var tone = Signals.Tone(1000, 500, sampleRate: 16000);
        var player = new AudioPlayer(new PcmAudio(tone, 16000));

        var frames = ReadFrames(player, 25);

        Assert.True(frames[..24].All(f => f.More));
        var middle = frames.Skip(5).Take(10).SelectMany(f => f.Samples).ToArray();
        Assert.True(Goertzel.EnergyFraction(middle, 1000) > 0.95);
    }

    private static List<(bool More, short[] Samples)> ReadFrames(AudioPlayer player, int count) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var frame = new short[160];
            var more = player.Read(frame);
            return (more, frame);
        }).ToList();
}
