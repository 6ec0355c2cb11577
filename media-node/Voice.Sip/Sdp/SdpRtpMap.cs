namespace Voice.Sip.Sdp;

/// <summary>An RTP payload mapping: payload type, encoding name, clock rate, channels (RFC 4566 <c>a=rtpmap</c>).</summary>
public readonly record struct SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int Channels = 1)
{
    /// <summary>The static mappings of RFC 3551 used when an offer lists 0 or 8 without rtpmap.</summary>
    public static SdpRtpMap? Static(int payloadType) => payloadType switch
    {
        0 => new SdpRtpMap(0, "PCMU", 8000),
        8 => new SdpRtpMap(8, "PCMA", 8000),
        _ => null,
    };

    /// <summary>Parses the value of <c>a=rtpmap:</c> (<c>101 telephone-event/8000</c>).</summary>
    public static bool TryParse(string value, out SdpRtpMap map)
    {
        map = default;
        var space = value.IndexOf(' ');
        if (space <= 0 || !int.TryParse(value.AsSpan(0, space), out var pt) || pt is < 0 or > 127)
        {
            return false;
        }

        var parts = value[(space + 1)..].Trim().Split('/');
        if (parts.Length < 2 || parts[0].Length == 0 || !int.TryParse(parts[1], out var rate) || rate <= 0)
        {
            return false;
        }

        var channels = 1;
        if (parts.Length > 2 && (!int.TryParse(parts[2], out channels) || channels <= 0))
        {
            return false;
        }

        map = new SdpRtpMap(pt, parts[0], rate, channels);
        return true;
    }

    /// <summary>The <c>a=rtpmap</c> value.</summary>
    public override string ToString() => Channels == 1 ? $"{PayloadType} {EncodingName}/{ClockRate}" : $"{PayloadType} {EncodingName}/{ClockRate}/{Channels}";
}
