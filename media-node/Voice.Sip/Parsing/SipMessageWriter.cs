using System.Text;
using Voice.Sip.Messages;

namespace Voice.Sip.Parsing;

/// <summary>
/// Serializes messages in canonical form: start line, one <c>Name: value</c> line per header field with canonical
/// names, then a Content-Length computed from the body (any stored Content-Length is replaced), the empty line
/// and the body. CR and LF inside values are replaced by spaces so a value can never inject headers.
/// </summary>
public static class SipMessageWriter
{
    /// <summary>The wire bytes of <paramref name="message"/>.</summary>
    public static byte[] ToBytes(SipMessage message)
    {
        var head = Encoding.UTF8.GetBytes(WriteHead(message));
        var bytes = new byte[head.Length + message.Body.Length];
        head.CopyTo(bytes, 0);
        message.Body.Span.CopyTo(bytes.AsSpan(head.Length));
        return bytes;
    }

    /// <summary>The message as text (body decoded as UTF-8); for logs and tests.</summary>
    public static string ToText(SipMessage message) => WriteHead(message) + Encoding.UTF8.GetString(message.Body.Span);

    private static string WriteHead(SipMessage message)
    {
        var builder = new StringBuilder(512);
        AppendSafe(builder, message.StartLine).Append("\r\n");
        foreach (var header in message.Headers.All)
        {
            if (header.Name == SipHeaderNames.ContentLength)
            {
                continue;
            }

            builder.Append(header.Name).Append(": ");
            AppendSafe(builder, header.Value).Append("\r\n");
        }

        builder.Append(SipHeaderNames.ContentLength).Append(": ").Append(message.Body.Length).Append("\r\n\r\n");
        return builder.ToString();
    }

    private static StringBuilder AppendSafe(StringBuilder builder, string value)
    {
        foreach (var c in value)
        {
            builder.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return builder;
    }
}
