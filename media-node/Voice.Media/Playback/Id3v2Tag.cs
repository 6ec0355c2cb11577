namespace Voice.Media.Playback;

/// <summary>ID3v2 tags (metadata some MP3 files start with): recognised so the audio after them can be found.</summary>
public static class Id3v2Tag
{
    private const int HeaderLength = 10;

    /// <summary>The length of the ID3v2 tag at the start of <paramref name="data"/> (header and footer included); 0 when there is none.</summary>
    public static int Length(ReadOnlySpan<byte> data)
    {
        // "ID3", major version 2..4, a minor version, flags, then a 28-bit "syncsafe" size (7 bits a byte).
        if (data.Length < HeaderLength || !data[..3].SequenceEqual("ID3"u8) || data[3] is < 2 or > 4 || data[3] == 0xFF || data[4] == 0xFF)
        {
            return 0;
        }

        var size = 0;
        for (var i = 6; i < HeaderLength; i++)
        {
            if (data[i] >= 0x80)
            {
                return 0;
            }

            size = (size << 7) | data[i];
        }

        var footer = (data[5] & 0x10) != 0 ? HeaderLength : 0;
        return HeaderLength + size + footer;
    }

    /// <summary>The offset after the ID3v2 tags at the start of <paramref name="data"/> (some files have several); at most the data's length.</summary>
    public static int SkipTags(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        for (var tags = 0; tags < 8 && offset < data.Length; tags++)
        {
            var length = Length(data[offset..]);
            if (length == 0)
            {
                break;
            }

            offset = (int)Math.Min(data.Length, (long)offset + length);
        }

        return offset;
    }
}
