using System.Text;

namespace Voice.Sip.Sdp;

/// <summary>
/// A session description (RFC 4566). Parse with <see cref="SdpParser"/>; <see cref="ToString"/> writes canonical SDP
/// with CRLF line ends and the RFC 4566 line order.
/// </summary>
public sealed class SdpSession
{
    /// <summary>The <c>o=</c> line.</summary>
    public required SdpOrigin Origin { get; set; }

    /// <summary>The <c>s=</c> line (a single space or <c>-</c> when there is nothing to say).</summary>
    public string SessionName { get; set; } = "-";

    /// <summary>Session-level connection.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary><c>t=</c> lines (usually one: <c>0 0</c>).</summary>
    public List<string> Timing { get; init; } = [];

    /// <summary>Session-level attributes.</summary>
    public List<SdpAttribute> Attributes { get; init; } = [];

    /// <summary>Other session-level lines, kept in order.</summary>
    public List<SdpLine> OtherLines { get; init; } = [];

    /// <summary>Media sections in order.</summary>
    public List<SdpMedia> Media { get; init; } = [];

    /// <summary>The session-level direction, if any.</summary>
    public SdpDirection? Direction =>
        Attributes.Where(a => a.Value is null).Select(a => SdpDirections.FromAttribute(a.Name)).FirstOrDefault(d => d is not null);

    /// <summary>The connection that applies to <paramref name="media"/> (media-level, else session-level).</summary>
    public SdpConnection? ConnectionFor(SdpMedia media) => media.Connection ?? Connection;

    /// <summary>Canonical text.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(256);
        Line(builder, 'v', "0");
        Line(builder, 'o', Origin.ToString());
        Line(builder, 's', SessionName);
        WriteOther(builder, OtherLines, "iuep");
        if (Connection is not null)
        {
            Line(builder, 'c', Connection.ToString());
        }

        WriteOther(builder, OtherLines, "b");
        foreach (var t in Timing.Count == 0 ? ["0 0"] : Timing)
        {
            Line(builder, 't', t);
        }

        WriteOther(builder, OtherLines, "rzk");
        foreach (var a in Attributes)
        {
            Line(builder, 'a', a.ToString());
        }

        foreach (var m in Media)
        {
            var port = m.PortCount is { } count ? $"{m.Port}/{count}" : m.Port.ToString();
            Line(builder, 'm', $"{m.MediaType} {port} {m.Protocol} {string.Join(' ', m.Formats)}".TrimEnd());
            WriteOther(builder, m.OtherLines, "i");
            if (m.Connection is not null)
            {
                Line(builder, 'c', m.Connection.ToString());
            }

            WriteOther(builder, m.OtherLines, "bk");
            foreach (var a in m.Attributes)
            {
                Line(builder, 'a', a.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>The UTF-8 bytes of <see cref="ToString"/>, ready to be a SIP body.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    private static void WriteOther(StringBuilder builder, List<SdpLine> lines, string types)
    {
        foreach (var line in lines)
        {
            if (types.Contains(line.Type, StringComparison.Ordinal))
            {
                Line(builder, line.Type, line.Value);
            }
        }
    }

    private static void Line(StringBuilder builder, char type, string value) =>
        builder.Append(type).Append('=').Append(value).Append("\r\n");
}
