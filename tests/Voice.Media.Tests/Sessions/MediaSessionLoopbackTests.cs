using System.Net;
using Voice.Media.Clock;
using Voice.Media.Codecs;
using Voice.Media.Dtmf;
using Voice.Media.Playback;
using Voice.Media.Recording;
using Voice.Media.Rtp;
using Voice.Media.Sessions;
using Voice.Testing;

namespace Voice.Media.Tests.Sessions;

/// <summary>Two sessions exchanging real RTP over UDP on 127.0.0.1, ticked by a real media clock.</summary>
public sealed class MediaSessionLoopbackTests : IDisposable
{
    private readonly MediaClock _clock = new();
    private readonly RtpPortAllocator _ports;

    public MediaSessionLoopbackTests()
    {
        var start = FreePorts.NextBlock(8);
        _ports = new RtpPortAllocator(start, start + 7, IPAddress.Loopback);
        // Receive loops run on the thread pool; with the default minimum (one thread per core) a busy test run
        // can starve them for a second. Hosts do the same (see the Voice.Media README).
        ThreadPool.SetMinThreads(16, 16);
        _clock.Start();
    }

    public void Dispose() => _clock.Dispose();

    [Theory]
    [InlineData(AudioCodec.Pcmu)]
    [InlineData(AudioCodec.Pcma)]
    public async Task Tone_sent_by_one_session_is_heard_by_the_other(AudioCodec codec)
    {
        var (a, b) = Connect(new MediaSessionOptions { Codec = codec });
        await using (a)
        await using (b)
        {
            // Record only once packets flow: on a starved machine the first receives can come late, in a burst.
            a.Play(new ToneSource(1000, dbm0: -10));
            for (var i = 0; i < 400 && b.JitterBuffer.Counters.AudioFrames < 10; i++)
            {
                await Task.Delay(50);
            }

            var recording = new MemoryStream();
            var recorder = new WavRecorder(recording, RecordingChannels.Dual);
            b.StartRecording(recorder);

            // Wait for 1.5 s of recorded media time (not wall time: a loaded machine may tick late).
            for (var i = 0; i < 400 && recorder.Duration < TimeSpan.FromSeconds(1.5); i++)
            {
                await Task.Delay(50);
            }

            await b.StopRecordingAsync();
            Unregister(a, b);

            var samples = new short[(recording.Length - 44) / 2];
            Buffer.BlockCopy(recording.ToArray(), 44, samples, 0, samples.Length * 2);
            // One second of what was heard; a starved machine may add concealment glitches, hence the margin.
            var heard = samples.Where((_, i) => i % 2 == 0).Skip(2000).Take(8000).ToArray();
            Assert.True(Goertzel.EnergyFraction(heard, 1000) > 0.5, $"fraction {Goertzel.EnergyFraction(heard, 1000)} {b.JitterBuffer.Counters} {b.Counters}");
            Assert.True(Goertzel.EnergyFraction(heard, 1500) < 0.05);
            Assert.True(b.Counters.RtpReceived > 50);
            Assert.Equal(0, b.Counters.RtpMalformed);
        }
    }

    [Fact]
    public async Task Dtmf_sent_by_one_session_is_received_by_the_other()
    {
        var (a, b) = Connect(new MediaSessionOptions());
        await using (a)
        await using (b)
        {
            a.SendDtmf("15#");

            var digits = await ReadDigitsAsync(b, 3);
            Unregister(a, b);

            Assert.Equal("15#", digits);
        }
    }

    [Fact]
    public async Task In_band_tones_are_detected_when_telephone_event_was_not_negotiated()
    {
        var (a, b) = Connect(new MediaSessionOptions { TelephoneEventPayloadType = null });
        await using (a)
        await using (b)
        {
            Assert.True(DtmfDigits.TryGetFrequencies('7', out var row, out var column));
            a.Play(new ToneSource(row, column, dbm0: -10, durationMilliseconds: 120));

            var digits = await ReadDigitsAsync(b, 1);
            Unregister(a, b);

            Assert.Equal("7", digits);
        }
    }

    private static async Task<string> ReadDigitsAsync(MediaSession session, int count)
    {
        var digits = "";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (digits.Length < count)
        {
            var e = await session.Events.ReadAsync(timeout.Token);
            if (e is DtmfReceived received)
            {
                digits += received.Digit.Digit;
            }
        }

        return digits;
    }

    private (MediaSession A, MediaSession B) Connect(MediaSessionOptions options)
    {
        var socketsA = _ports.Allocate();
        var socketsB = _ports.Allocate();
        socketsA.SetRemote(socketsB.LocalRtp);
        socketsB.SetRemote(socketsA.LocalRtp);
        var a = new MediaSession(options, socketsA);
        var b = new MediaSession(options, socketsB);
        _clock.Register(a);
        _clock.Register(b);
        return (a, b);
    }

    private void Unregister(MediaSession a, MediaSession b)
    {
        _clock.Unregister(a);
        _clock.Unregister(b);
    }
}
