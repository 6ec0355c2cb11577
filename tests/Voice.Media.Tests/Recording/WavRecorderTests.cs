using System.Buffers.Binary;
using Voice.Media.Dtmf;
using Voice.Media.Playback;
using Voice.Media.Recording;

namespace Voice.Media.Tests.Recording;

public class WavRecorderTests
{
    [Fact]
    public async Task Dual_channel_recording_puts_caller_left_and_callee_right_with_correct_sizes()
    {
        var stream = new MemoryStream();
        var recorder = new WavRecorder(stream, RecordingChannels.Dual);
        WriteTones(recorder, frames: 50);

        var summary = await recorder.CompleteAsync();

        var bytes = stream.ToArray();
        Assert.Equal(TimeSpan.FromSeconds(1), summary.Duration);
        Assert.Equal(44 + 32000, summary.Bytes);
        Assert.Equal(bytes.Length, summary.Bytes);
        Assert.Equal(36 + 32000u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(32000u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)));
        var samples = new short[16000];
        Buffer.BlockCopy(bytes, 44, samples, 0, 32000);
        var left = samples.Where((_, i) => i % 2 == 0).ToArray();
        var right = samples.Where((_, i) => i % 2 == 1).ToArray();
        Assert.True(Goertzel.EnergyFraction(left, 500) > 0.95);
        Assert.True(Goertzel.EnergyFraction(right, 1000) > 0.95);
    }

    [Fact]
    public async Task Mono_recording_mixes_both_sides()
    {
        var stream = new MemoryStream();
        var recorder = new WavRecorder(stream);
        WriteTones(recorder, frames: 10);

        var summary = await recorder.CompleteAsync();

        Assert.Equal(1, summary.Channels);
        var audio = AudioFileReader.Parse(stream.ToArray(), AudioFileFormat.Wav).Audio!;
        Assert.Equal(1600, audio.Samples.Length);
        Assert.True(Goertzel.EnergyFraction(audio.Samples, 500) > 0.4);
        Assert.True(Goertzel.EnergyFraction(audio.Samples, 1000) > 0.4);
    }

    [Fact]
    public async Task Paused_time_is_not_written()
    {
        var stream = new MemoryStream();
        var recorder = new WavRecorder(stream);
        WriteTones(recorder, frames: 10);
        recorder.Pause();
        WriteTones(recorder, frames: 25);
        recorder.Resume();
        WriteTones(recorder, frames: 15);

        var summary = await recorder.CompleteAsync();

        Assert.Equal(TimeSpan.FromMilliseconds(500), summary.Duration);
        Assert.Equal(44 + 8000, stream.Length);
    }

    [Fact]
    public async Task Sox_reads_the_file_with_the_expected_layout_and_duration()
    {
        var path = Path.Combine(Path.GetTempPath(), $"voice-rec-{Guid.NewGuid():N}.wav");
        try
        {
            await using (var file = File.Create(path))
            {
                var recorder = new WavRecorder(file, RecordingChannels.Dual);
                WriteTones(recorder, frames: 150);
                await recorder.CompleteAsync();
            }

            var info = await ExternalTools.RunAsync("sox", "--i", path);

            Assert.Matches(@"Channels\s*:\s*2", info);
            Assert.Matches(@"Sample Rate\s*:\s*8000", info);
            Assert.Matches(@"Precision\s*:\s*16-bit", info);
            Assert.Matches(@"Duration\s*:\s*00:00:03.00 = 24000 samples", info);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Non_seekable_destination_gets_streaming_placeholder_sizes_and_stays_readable()
    {
        var inner = new MemoryStream();
        var recorder = new WavRecorder(new ForwardOnlyStream(inner));
        WriteTones(recorder, frames: 5);

        await recorder.CompleteAsync();

        var bytes = inner.ToArray();
        Assert.Equal(uint.MaxValue - 36, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)));
        Assert.Equal(800, AudioFileReader.Parse(bytes, AudioFileFormat.Wav).Audio!.Samples.Length);
    }

    [Fact]
    public async Task Frames_after_completion_are_ignored_and_completion_is_idempotent()
    {
        var stream = new MemoryStream();
        var recorder = new WavRecorder(stream);
        WriteTones(recorder, frames: 2);
        var first = await recorder.CompleteAsync();
        WriteTones(recorder, frames: 2);

        var second = await recorder.CompleteAsync();

        Assert.Equal(first, second);
        Assert.Equal(44 + 640, stream.Length);
    }

    private static void WriteTones(WavRecorder recorder, int frames)
    {
        var caller = Signals.Tone(500, 20, dbm0: -12);
        var callee = Signals.Tone(1000, 20, dbm0: -12);
        for (var i = 0; i < frames; i++)
        {
            recorder.WriteFrame(caller, callee);
        }
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
