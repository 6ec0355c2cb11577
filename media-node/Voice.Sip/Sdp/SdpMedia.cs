namespace Voice.Sip.Sdp;

/// <summary>One media section (<c>m=</c> line and what follows). A port of 0 marks a rejected or disabled stream.</summary>
public sealed class SdpMedia
{
    /// <summary>Media type (<c>audio</c>, <c>video</c>, ...).</summary>
    public required string MediaType { get; set; }

    /// <summary>Transport port; 0 = stream rejected/disabled.</summary>
    public int Port { get; set; }

    /// <summary>Number of ports (<c>m=audio 49170/2</c>), if given.</summary>
    public int? PortCount { get; set; }

    /// <summary>Transport protocol (<c>RTP/AVP</c>).</summary>
    public required string Protocol { get; set; }

    /// <summary>Formats (RTP payload types for RTP profiles) in preference order.</summary>
    public List<string> Formats { get; init; } = [];

    /// <summary>Media-level connection, overriding the session-level one.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>Attributes in order.</summary>
    public List<SdpAttribute> Attributes { get; init; } = [];

    /// <summary>Other lines (<c>i=</c>, <c>b=</c>, <c>k=</c>) in order.</summary>
    public List<SdpLine> OtherLines { get; init; } = [];

    /// <summary>The direction attribute, or null when none is present (then the session-level one applies).</summary>
    public SdpDirection? Direction
    {
        get
        {
            foreach (var a in Attributes)
            {
                if (a.Value is null && SdpDirections.FromAttribute(a.Name) is { } d)
                {
                    return d;
                }
            }

            return null;
        }
    }

    /// <summary>The <c>a=ptime</c> value in milliseconds, if present and valid.</summary>
    public int? Ptime => Attribute("ptime") is { } v && int.TryParse(v, out var p) && p > 0 ? p : null;

    /// <summary>The value of the first attribute named <paramref name="name"/>.</summary>
    public string? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name).Value;

    /// <summary>The rtpmap for a payload type: from <c>a=rtpmap</c>, else the RFC 3551 static mapping.</summary>
    public SdpRtpMap? RtpMap(int payloadType)
    {
        foreach (var a in Attributes)
        {
            if (a.Name == "rtpmap" && a.Value is not null && SdpRtpMap.TryParse(a.Value, out var map) && map.PayloadType == payloadType)
            {
                return map;
            }
        }

        return SdpRtpMap.Static(payloadType);
    }

    /// <summary>The <c>a=fmtp</c> parameters for a payload type.</summary>
    public string? Fmtp(int payloadType)
    {
        var prefix = payloadType + " ";
        foreach (var a in Attributes)
        {
            if (a.Name == "fmtp" && a.Value is not null && a.Value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return a.Value[prefix.Length..].Trim();
            }
        }

        return null;
    }

    /// <summary>Replaces any direction attribute with <paramref name="direction"/>.</summary>
    public void SetDirection(SdpDirection direction)
    {
        Attributes.RemoveAll(a => a.Value is null && SdpDirections.FromAttribute(a.Name) is not null);
        Attributes.Add(new SdpAttribute(direction.ToAttribute(), null));
    }
}
