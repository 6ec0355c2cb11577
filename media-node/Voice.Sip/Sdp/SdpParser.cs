using System.Text;

namespace Voice.Sip.Sdp;

/// <summary>
/// Parses SDP (RFC 4566). Accepts CRLF or LF line ends. Requires <c>v=0</c> first, an <c>o=</c> and an <c>s=</c>
/// line, well-formed <c>c=</c> and <c>m=</c> lines, and numeric ports; unknown line types are kept. Returns false with
/// an error (never throws) for anything else.
/// </summary>
public static class SdpParser
{
    /// <summary>Largest SDP body accepted.</summary>
    public const int MaxLength = 16_384;

    /// <summary>Parses an SDP body.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out SdpSession session, out string? error)
    {
        session = null!;
        if (body.Length > MaxLength)
        {
            error = "SDP too large";
            return false;
        }

        return TryParse(Encoding.UTF8.GetString(body), out session, out error);
    }

    /// <summary>Parses SDP text.</summary>
    public static bool TryParse(string text, out SdpSession session, out string? error)
    {
        session = null!;
        error = null;
        SdpOrigin? origin = null;
        string? name = null;
        SdpConnection? connection = null;
        var timing = new List<string>();
        var attributes = new List<SdpAttribute>();
        var other = new List<SdpLine>();
        var media = new List<SdpMedia>();
        SdpMedia? current = null;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.EndsWith('\r') ? rawLine[..^1] : rawLine;
            if (line.Length == 0)
            {
                continue;
            }

            lineNumber++;
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                error = $"Malformed SDP line {lineNumber}";
                return false;
            }

            var type = line[0];
            var value = line[2..];
            if (lineNumber == 1 && (type != 'v' || value != "0"))
            {
                error = "SDP must start with v=0";
                return false;
            }

            switch (type)
            {
                case 'v':
                    if (lineNumber != 1)
                    {
                        error = "Repeated v= line";
                        return false;
                    }

                    break;
                case 'o':
                    if (!TryParseOrigin(value, out origin))
                    {
                        error = "Malformed o= line";
                        return false;
                    }

                    break;
                case 's':
                    name = value;
                    break;
                case 't':
                    timing.Add(value);
                    break;
                case 'c':
                    if (!TryParseConnection(value, out var c))
                    {
                        error = "Malformed c= line";
                        return false;
                    }

                    if (current is null)
                    {
                        connection = c;
                    }
                    else
                    {
                        current.Connection = c;
                    }

                    break;
                case 'm':
                    if (!TryParseMedia(value, out current))
                    {
                        error = "Malformed m= line";
                        return false;
                    }

                    media.Add(current);
                    break;
                case 'a':
                    var colon = value.IndexOf(':');
                    var attribute = colon < 0 ? new SdpAttribute(value, null) : new SdpAttribute(value[..colon], value[(colon + 1)..]);
                    if (attribute.Name.Length == 0)
                    {
                        error = "Malformed a= line";
                        return false;
                    }

                    (current?.Attributes ?? attributes).Add(attribute);
                    break;
                default:
                    (current?.OtherLines ?? other).Add(new SdpLine(type, value));
                    break;
            }
        }

        if (lineNumber == 0 || origin is null || name is null)
        {
            error = "SDP lacks v=, o= or s=";
            return false;
        }

        session = new SdpSession
        {
            Origin = origin,
            SessionName = name,
            Connection = connection,
            Timing = timing,
            Attributes = attributes,
            OtherLines = other,
            Media = media,
        };
        return true;
    }

    private static bool TryParseOrigin(string value, out SdpOrigin? origin)
    {
        origin = null;
        var p = value.Split(' ');
        if (p.Length != 6 || !ulong.TryParse(p[2], out var version) || p.Any(s => s.Length == 0))
        {
            return false;
        }

        origin = new SdpOrigin(p[0], p[1], version, p[3], p[4], p[5]);
        return true;
    }

    private static bool TryParseConnection(string value, out SdpConnection? connection)
    {
        connection = null;
        var p = value.Split(' ');
        if (p.Length != 3 || p.Any(s => s.Length == 0))
        {
            return false;
        }

        connection = new SdpConnection(p[0], p[1], p[2]);
        return true;
    }

    private static bool TryParseMedia(string value, out SdpMedia media)
    {
        media = null!;
        var p = value.Split(' ');
        if (p.Length < 3 || p[0].Length == 0 || p[2].Length == 0)
        {
            return false;
        }

        var portText = p[1];
        int? count = null;
        var slash = portText.IndexOf('/');
        if (slash >= 0)
        {
            if (!int.TryParse(portText.AsSpan(slash + 1), out var n) || n <= 0)
            {
                return false;
            }

            count = n;
            portText = portText[..slash];
        }

        if (!int.TryParse(portText, out var port) || port is < 0 or > 65535 || !portText.All(char.IsAsciiDigit))
        {
            return false;
        }

        var formats = p[3..].ToList();
        if (formats.Any(f => f.Length == 0))
        {
            return false;
        }

        media = new SdpMedia { MediaType = p[0], Port = port, PortCount = count, Protocol = p[2], Formats = formats };
        return true;
    }
}
