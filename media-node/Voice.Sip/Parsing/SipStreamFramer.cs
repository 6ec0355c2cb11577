using System.Text;
using Voice.Sip.Messages;

namespace Voice.Sip.Parsing;

/// <summary>
/// Cuts SIP messages out of a byte stream (TCP) using the empty line and Content-Length (RFC 3261 §18.3). Works
/// on the raw bytes so nothing is decoded until a whole message is there.
/// </summary>
public static class SipStreamFramer
{
    /// <summary>
    /// Examines the start of <paramref name="buffer"/>. For <see cref="SipFrameStatus.Message"/> and
    /// <see cref="SipFrameStatus.KeepAlive"/>, <paramref name="length"/> is the number of bytes to take.
    /// A missing Content-Length counts as zero.
    /// </summary>
    public static SipFrameStatus TryFrame(ReadOnlySpan<byte> buffer, SipParserLimits limits, out int length)
    {
        length = 0;
        while (length < buffer.Length && buffer[length] is (byte)'\r' or (byte)'\n')
        {
            length++;
        }

        if (length > 0)
        {
            return SipFrameStatus.KeepAlive;
        }

        var headEnd = buffer.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            return buffer.Length > limits.MaxMessageBytes ? SipFrameStatus.Malformed : SipFrameStatus.NeedMore;
        }

        long? contentLength = null;
        var head = buffer[..headEnd];
        while (!head.IsEmpty)
        {
            var eol = head.IndexOf("\r\n"u8);
            var line = eol < 0 ? head : head[..eol];
            head = eol < 0 ? [] : head[(eol + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsContentLengthName(line[..colon]))
            {
                continue;
            }

            var valueText = SipCharacters.TrimWhitespace(Encoding.ASCII.GetString(line[(colon + 1)..]));
            if (!SipCharacters.TryParseBounded(valueText, limits.MaxMessageBytes, out var value) || (contentLength is { } previous && previous != value))
            {
                return SipFrameStatus.Malformed;
            }

            contentLength = value;
        }

        var total = headEnd + 4 + (contentLength ?? 0);
        if (total > limits.MaxMessageBytes)
        {
            return SipFrameStatus.Malformed;
        }

        if (total > buffer.Length)
        {
            return SipFrameStatus.NeedMore;
        }

        length = (int)total;
        return SipFrameStatus.Message;
    }

    private static bool IsContentLengthName(ReadOnlySpan<byte> name)
    {
        var end = name.Length;
        while (end > 0 && name[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }

        name = name[..end];
        return Ascii.EqualsIgnoreCase(name, "Content-Length"u8) || Ascii.EqualsIgnoreCase(name, "l"u8);
    }
}
