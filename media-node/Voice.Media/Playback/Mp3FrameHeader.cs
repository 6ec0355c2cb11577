using System.Buffers.Binary;

namespace Voice.Media.Playback;

/// <summary>
/// The 4-byte header of an MPEG-1/2/2.5 Layer III frame (MP3). Used to recognise MP3 content by its frame sync and
/// to find where the audio starts; decoding itself is NLayer's (<see cref="Mp3File"/>).
/// </summary>
/// <param name="SampleRate">Samples per second.</param>
/// <param name="Channels">1 (mono) or 2.</param>
/// <param name="FrameLength">Bytes from this header to the next frame's.</param>
public readonly record struct Mp3FrameHeader(int SampleRate, int Channels, int FrameLength)
{
    private static readonly int[] Mpeg1Bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Bitrates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] Mpeg1Rates = [44100, 48000, 32000];

    /// <summary>Parses a Layer III frame header at the start of <paramref name="data"/>; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out Mp3FrameHeader header)
    {
        header = default;
        if (data.Length < 4)
        {
            return false;
        }

        var bits = BinaryPrimitives.ReadUInt32BigEndian(data);
        var version = (bits >> 19) & 3;   // 0 = MPEG 2.5, 1 = reserved, 2 = MPEG 2, 3 = MPEG 1
        var layer = (bits >> 17) & 3;     // 1 = Layer III
        var bitrateIndex = (int)((bits >> 12) & 0xF);
        var rateIndex = (int)((bits >> 10) & 3);

        // Free-format (index 0) frames have no computable length, so they cannot be checked and are not accepted.
        if ((bits & 0xFFE00000) != 0xFFE00000 || version == 1 || layer != 1 || bitrateIndex is 0 or 15 || rateIndex == 3)
        {
            return false;
        }

        var mpeg1 = version == 3;
        var sampleRate = Mpeg1Rates[rateIndex] >> (version switch { 3 => 0, 2 => 1, _ => 2 });
        var bitrate = (mpeg1 ? Mpeg1Bitrates : Mpeg2Bitrates)[bitrateIndex] * 1000;
        var padding = (int)((bits >> 9) & 1);
        var frameLength = ((mpeg1 ? 144 : 72) * bitrate / sampleRate) + padding;
        var channels = ((bits >> 6) & 3) == 3 ? 1 : 2;
        header = new Mp3FrameHeader(sampleRate, channels, frameLength);
        return true;
    }

    /// <summary>
    /// Where the first frame starts: after any ID3v2 tags, the first header followed by a second one where its length
    /// says (or by the end of the data), searched within <paramref name="searchLimit"/> bytes. -1 when there is none.
    /// </summary>
    public static int FindFirstFrame(ReadOnlySpan<byte> data, int searchLimit = 64 * 1024)
    {
        var start = Id3v2Tag.SkipTags(data);
        var end = (int)Math.Min(data.Length - 4L, (long)start + searchLimit);
        for (var offset = start; offset <= end; offset++)
        {
            if (data[offset] != 0xFF || !TryParse(data[offset..], out var first))
            {
                continue;
            }

            var next = offset + first.FrameLength;
            if (next == data.Length || (next < data.Length && TryParse(data[next..], out var second) && second.SampleRate == first.SampleRate))
            {
                return offset;
            }
        }

        return -1;
    }
}
