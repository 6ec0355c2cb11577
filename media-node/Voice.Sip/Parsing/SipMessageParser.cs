using System.Text;
using Voice.Sip.Messages;

namespace Voice.Sip.Parsing;

/// <summary>
/// Parses one SIP message from bytes (RFC 3261 §7, §20, §25). Never throws on malformed input: the result says
/// whether the message is valid and, for a bad request, whether and how it can be rejected. Header values are kept
/// as received (unfolded, trimmed); well-known headers (Via, From, To, Contact, Route, Record-Route, CSeq, Call-ID,
/// Max-Forwards, Content-Length, Date) are syntax-checked here so that the layers above can trust them.
/// </summary>
public static class SipMessageParser
{
    private static readonly string[] AddressHeaders =
        [SipHeaderNames.From, SipHeaderNames.To];

    private static readonly string[] AddressListHeaders =
        [SipHeaderNames.Contact, SipHeaderNames.Route, SipHeaderNames.RecordRoute];

    /// <summary>
    /// Parses a complete message (a UDP datagram or a frame cut by <see cref="SipStreamFramer"/>). With a
    /// Content-Length, octets after the body are ignored (RFC 3261 §18.3); without one the body is the rest of the input.
    /// </summary>
    public static SipParseResult Parse(ReadOnlySpan<byte> data, SipParserLimits? limits = null)
    {
        limits ??= SipParserLimits.Default;
        if (data.Length > limits.MaxMessageBytes)
        {
            return SipParseResult.Invalid("Message Too Large");
        }

        var leading = 0;
        while (leading + 1 < data.Length && data[leading] == '\r' && data[leading + 1] == '\n')
        {
            leading += 2;
        }

        data = data[leading..];
        if (data.IsEmpty)
        {
            return SipParseResult.Invalid("Empty message");
        }

        var headEnd = data.IndexOf("\r\n\r\n"u8);
        var head = headEnd >= 0 ? data[..headEnd] : data.EndsWith("\r\n"u8) ? data[..^2] : data;
        var bodyStart = headEnd < 0 ? data.Length : headEnd + 4;
        var text = Encoding.UTF8.GetString(head);

        var lines = new List<string>();
        if (!TryUnfold(text, limits, lines, out var unfoldError))
        {
            return SipParseResult.Invalid(unfoldError);
        }

        var headers = new SipHeaderCollection();
        string? headerError = null;
        for (var i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':');
            var name = colon < 0 ? "" : SipCharacters.TrimWhitespace(line.AsSpan(0, colon)).ToString();
            if (!SipCharacters.IsToken(name))
            {
                headerError ??= "Malformed header line";
                continue;
            }

            headers.Add(name, SipCharacters.TrimWhitespace(line.AsSpan(colon + 1)).ToString());
        }

        var startLine = lines[0];
        var isResponse = startLine.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase);
        SipMessage? message;
        string? error;
        var rejectStatus = 400;
        if (isResponse)
        {
            message = ParseStatusLine(startLine, out error);
        }
        else
        {
            message = ParseRequestLine(startLine, out error, out rejectStatus);
        }

        error ??= headerError ?? CheckHeaders(headers, message as SipRequest);
        if (error is null && headEnd < 0)
        {
            error = "Missing empty line after headers";
        }

        var available = data.Length - bodyStart;
        var bodyLength = available;
        if (error is null)
        {
            error = FrameBody(headers, available, ref bodyLength);
        }

        if (error is not null || message is null)
        {
            error ??= "Bad Request";
            return !isResponse && IsAnswerable(headers, startLine)
                ? SipParseResult.Rejectable(error, error == "Version Not Supported" ? 505 : rejectStatus, headers)
                : SipParseResult.Invalid(error);
        }

        foreach (var h in headers.All)
        {
            message.Headers.Add(h.Name, h.Value);
        }

        message.Body = data.Slice(bodyStart, bodyLength).ToArray();
        return SipParseResult.Valid(message, leading + bodyStart + bodyLength);
    }

    // Splits the head into logical lines, joining continuation lines (LWS folding) with a single space.
    // Unfolded lines are plain substrings; only folded ones are concatenated.
    private static bool TryUnfold(string text, SipParserLimits limits, List<string> lines, out string error)
    {
        error = "";
        string? current = null;
        var position = 0;
        while (position <= text.Length)
        {
            var end = text.IndexOf("\r\n", position, StringComparison.Ordinal);
            var line = end < 0 ? text.AsSpan(position) : text.AsSpan(position, end - position);
            position = end < 0 ? text.Length + 1 : end + 2;
            if (line.IndexOfAny('\r', '\n') >= 0)
            {
                error = "Bare CR or LF in header";
                return false;
            }

            if (line.Length > 0 && SipCharacters.IsWhitespace(line[0]))
            {
                if (current is null || lines.Count == 0)
                {
                    error = "Malformed start line";
                    return false;
                }

                current = string.Concat(current.AsSpan().TrimEnd(" \t"), " ", SipCharacters.TrimWhitespace(line));
            }
            else
            {
                if (current is not null)
                {
                    lines.Add(current);
                }

                current = line.ToString();
            }

            if (current.Length > limits.MaxHeaderLength)
            {
                error = "Header Too Long";
                return false;
            }

            if (lines.Count > limits.MaxHeaderCount)
            {
                error = "Too Many Headers";
                return false;
            }
        }

        lines.Add(current!);
        return true;
    }

    private static SipRequest? ParseRequestLine(string line, out string? error, out int rejectStatus)
    {
        error = null;
        rejectStatus = 400;
        var first = line.IndexOf(' ');
        var last = line.LastIndexOf(' ');
        if (first <= 0 || first == last)
        {
            error = "Malformed Request-Line";
            return null;
        }

        var method = line.AsSpan(0, first);
        var uriText = line.AsSpan(first + 1, last - first - 1);
        var version = line.AsSpan(last + 1);
        if (!SipCharacters.IsToken(method) || uriText.IsEmpty || uriText.IndexOfAny(' ', '\t') >= 0)
        {
            error = "Malformed Request-Line";
            return null;
        }

        if (!version.Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase))
        {
            error = version.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase) ? "Version Not Supported" : "Malformed Request-Line";
            rejectStatus = 505;
            return null;
        }

        if (!SipUri.TryParse(uriText, out var uri))
        {
            error = "Malformed Request-URI";
            return null;
        }

        if (uri.IsSip && uri.Headers is not null)
        {
            error = "Request-URI must not contain headers";
            return null;
        }

        return new SipRequest(method.ToString(), uri);
    }

    private static SipResponse? ParseStatusLine(string line, out string? error)
    {
        error = "Malformed Status-Line";
        var first = line.IndexOf(' ');
        if (first < 0 || !line.AsSpan(0, first).Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = line.AsSpan(first + 1);
        var second = rest.IndexOf(' ');
        var code = second < 0 ? rest : rest[..second];
        if (code.Length != 3 || !SipCharacters.TryParseBounded(code, 699, out var status) || status < 100)
        {
            return null;
        }

        error = null;
        return new SipResponse((int)status, second < 0 ? "" : rest[(second + 1)..].ToString());
    }

    private static string? CheckHeaders(SipHeaderCollection headers, SipRequest? request)
    {
        foreach (var value in headers.GetValues(SipHeaderNames.Via))
        {
            if (!SipVia.TryParse(value, out _))
            {
                return "Malformed Via header";
            }
        }

        foreach (var h in headers.All)
        {
            if (Array.IndexOf(AddressHeaders, h.Name) >= 0 && !SipAddress.TryParse(h.Value, out _))
            {
                return $"Malformed {h.Name} header";
            }
        }

        foreach (var name in AddressListHeaders)
        {
            foreach (var value in headers.GetValues(name))
            {
                if (!SipAddress.TryParse(value, out _))
                {
                    return $"Malformed {name} header";
                }
            }
        }

        if (headers.Get(SipHeaderNames.CSeq) is { } cseqText)
        {
            if (!SipCSeq.TryParse(cseqText, out var cseq))
            {
                return "Malformed CSeq header";
            }

            if (request is not null && cseq.Method != request.Method)
            {
                return "CSeq method does not match Request-Line";
            }
        }

        if (headers.Get(SipHeaderNames.CallId) is { } callId && (callId.Length == 0 || callId.AsSpan().IndexOfAny(' ', '\t') >= 0))
        {
            return "Malformed Call-ID header";
        }

        if (headers.Get(SipHeaderNames.MaxForwards) is { } maxForwards && !SipCharacters.TryParseBounded(maxForwards, 255, out _))
        {
            return "Malformed Max-Forwards header";
        }

        if (headers.Get(SipHeaderNames.Expires) is { } expires && !SipCharacters.IsDigits(expires))
        {
            return "Malformed Expires header";
        }

        if (headers.Get(SipHeaderNames.Date) is { } date && !SipDate.IsValid(date))
        {
            return "Malformed Date header";
        }

        return null;
    }

    // Content-Length frames the body; several Content-Length fields are left to the UAS checks (RFC 4475 mcl01).
    private static string? FrameBody(SipHeaderCollection headers, int available, ref int bodyLength)
    {
        if (headers.CountOf(SipHeaderNames.ContentLength) != 1)
        {
            return null;
        }

        if (!SipCharacters.TryParseBounded(headers.Get(SipHeaderNames.ContentLength), int.MaxValue, out var length))
        {
            return "Malformed Content-Length header";
        }

        if (length > available)
        {
            return "Content-Length larger than message";
        }

        bodyLength = (int)length;
        return null;
    }

    // A request can be answered when the headers a response copies are present and the top Via names a sent-by.
    private static bool IsAnswerable(SipHeaderCollection headers, string startLine)
    {
        var space = startLine.IndexOf(' ');
        if (space <= 0 || !SipCharacters.IsToken(startLine.AsSpan(0, space)))
        {
            return false;
        }

        if (headers.Get(SipHeaderNames.From) is null || headers.Get(SipHeaderNames.To) is null
            || headers.Get(SipHeaderNames.CallId) is null || headers.Get(SipHeaderNames.CSeq) is null)
        {
            return false;
        }

        var vias = headers.GetValues(SipHeaderNames.Via);
        if (vias.Count == 0)
        {
            return false;
        }

        var top = vias[0];
        var semi = top.IndexOf(';');
        return SipVia.TryParse(semi < 0 ? top : top[..semi], out _);
    }
}
