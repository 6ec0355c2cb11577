using Voice.Media.Rtp;

namespace Voice.Media.Tests.Rtp;

public class RtpReceiveStatisticsTests
{
    [Fact]
    public void Sequence_wrap_increments_cycles_and_extended_sequence()
    {
        var stats = new RtpReceiveStatistics();
        ushort seq = 65530;
        for (var i = 0; i < 20; i++, seq++)
        {
            stats.Update(seq, (uint)(i * 160), i * 160);
        }

        Assert.Equal(1u, stats.Cycles);
        Assert.Equal(65536u + 13, stats.ExtendedHighestSequence);
        Assert.Equal(20, stats.PacketsExpected);
        Assert.Equal(0, stats.PacketsLost);
    }

    [Fact]
    public void Missing_packets_are_counted_as_lost()
    {
        var stats = new RtpReceiveStatistics();
        for (ushort seq = 100; seq < 200; seq++)
        {
            if (seq % 10 != 5)
            {
                stats.Update(seq, seq * 160u, seq * 160L);
            }
        }

        Assert.Equal(100, stats.PacketsExpected);
        Assert.Equal(10, stats.PacketsLost);
        Assert.Equal((byte)(10 * 256 / 100), stats.TakeFractionLost());
        Assert.Equal(0, stats.TakeFractionLost());
    }

    [Fact]
    public void Constant_transit_has_zero_jitter_and_variable_transit_has_some()
    {
        var steady = new RtpReceiveStatistics();
        var shaky = new RtpReceiveStatistics();
        for (ushort i = 0; i < 200; i++)
        {
            steady.Update(i, i * 160u, 5000 + (i * 160L));
            shaky.Update(i, i * 160u, 5000 + (i * 160L) + (i % 2 == 0 ? 0 : 80));
        }

        Assert.Equal(0u, steady.Jitter);
        Assert.InRange(shaky.Jitter, 60u, 80u);
    }

    [Fact]
    public void Large_jump_is_accepted_only_when_confirmed_by_the_next_packet()
    {
        var stats = new RtpReceiveStatistics();
        for (ushort i = 0; i < 10; i++)
        {
            stats.Update(i, i * 160u, i * 160L);
        }

        Assert.False(stats.Update(30000, 0, 0));
        Assert.True(stats.Update(30001, 160, 160));
        Assert.Equal(30001u, stats.ExtendedHighestSequence);
    }
}
