using Voice.Media.Dtmf;
using Voice.Media.Mixing;

namespace Voice.Media.Tests.Mixing;

public class ConferenceMixerTests
{
    private static readonly double[] Frequencies = [500, 900, 1300, 1700];

    [Fact]
    public void Each_member_hears_the_others_and_not_itself()
    {
        var heard = MixOnce(4, configure: null);

        for (var listener = 0; listener < 4; listener++)
        {
            for (var speaker = 0; speaker < 4; speaker++)
            {
                Assert.Equal(listener != speaker, Hears(heard[listener], speaker));
            }
        }
    }

    [Fact]
    public void Muted_member_is_heard_by_nobody_but_still_hears()
    {
        var heard = MixOnce(3, p => p[0].Muted = true);

        Assert.False(Hears(heard[1], 0));
        Assert.False(Hears(heard[2], 0));
        Assert.True(Hears(heard[0], 1));
        Assert.True(Hears(heard[0], 2));
    }

    [Fact]
    public void Deaf_member_hears_nothing_but_is_heard()
    {
        var heard = MixOnce(3, p => p[0].Deaf = true);

        Assert.All(heard[0], s => Assert.Equal(0, s));
        Assert.True(Hears(heard[1], 0));
    }

    [Fact]
    public void Coach_is_heard_only_by_the_coached_member()
    {
        var heard = MixOnce(4, p => p[3].Coaching = p[1]);

        Assert.True(Hears(heard[1], 3));
        Assert.False(Hears(heard[0], 3));
        Assert.False(Hears(heard[2], 3));
        Assert.True(Hears(heard[3], 0));
    }

    [Fact]
    public void Two_member_mixer_bridges_the_legs()
    {
        var heard = MixOnce(2, configure: null);

        Assert.True(Hears(heard[0], 1));
        Assert.False(Hears(heard[0], 0));
        Assert.True(Hears(heard[1], 0));
    }

    [Fact]
    public void Loud_sums_are_clipped_to_16_bits()
    {
        var mixer = new ConferenceMixer();
        var members = Enumerable.Range(0, 3).Select(i => mixer.Join($"m{i}")).ToList();
        members.ForEach(m => m.SubmitInput(Enumerable.Repeat((short)30000, 160).ToArray()));
        mixer.Mix();
        var frame = new short[160];

        members[0].Read(frame);

        Assert.All(frame, s => Assert.Equal(short.MaxValue, s));
    }

    [Fact]
    public void Member_that_left_is_no_longer_heard_and_missing_input_is_silence()
    {
        var mixer = new ConferenceMixer();
        var a = mixer.Join("a");
        var b = mixer.Join("b");
        b.SubmitInput(Signals.Tone(900, 20));
        Assert.True(mixer.Leave(b));
        mixer.Mix();
        var frame = new short[160];

        a.Read(frame);

        Assert.All(frame, s => Assert.Equal(0, s));
        Assert.Single(mixer.Participants);
    }

    private static bool Hears(short[] frame, int speaker) => Goertzel.EnergyFraction(frame, Frequencies[speaker]) > 0.05;

    private static short[][] MixOnce(int count, Action<List<MixerParticipant>>? configure)
    {
        var mixer = new ConferenceMixer();
        var members = Enumerable.Range(0, count).Select(i => mixer.Join($"m{i}")).ToList();
        configure?.Invoke(members);
        for (var i = 0; i < count; i++)
        {
            members[i].SubmitInput(Signals.Tone(Frequencies[i], 20, dbm0: -12));
        }

        mixer.Mix();
        return members.Select(m =>
        {
            var frame = new short[160];
            m.Read(frame);
            return frame;
        }).ToArray();
    }
}
