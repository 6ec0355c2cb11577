using System.Text;

namespace Voice.MediaNode.Tests.Fuzz;

/// <summary>
/// Breaks a well-formed SIP message in the ways real traffic and attackers do: bit flips, truncation, duplicated,
/// removed and injected headers, absurd Content-Length, broken Via, folding, bare LF, odd request lines and bytes
/// that are not UTF-8. Deterministic for a given <see cref="Random"/>. Never touches the Via's rport or the Contact
/// host on purpose, so the node's replies stay on loopback.
/// </summary>
internal static class SipMutator
{
    private static readonly string[] InjectedHeaders =
    [
        "Authorization: garbage", "Authorization: Digest", "Authorization: Digest realm=\"x, nonce=", "Proxy-Authorization: Basic Zm9vOmJhcg==",
        "Authorization: Digest username=\"a\", realm=\"b\", nonce=\"c\", uri=\"sip:x\", response=\"zz\", qop=auth, nc=zz",
        "Require: foo, bar", "Require: ,,,", "Proxy-Require: x", "Supported: ", "Accept: text/plain", "Accept: application/sdp;q=x",
        "Content-Type: text/html", "Content-Type: ", "Content-Type: application/sdp;;;", "Content-Encoding: gzip",
        "Expires: -1", "Expires: 99999999999999999999", "Max-Forwards: 256", "Max-Forwards: -1", "Max-Forwards: 0",
        "Contact: *", "Contact: <", "Contact: <sip:fuzzer@127.0.0.1;transport=tcp>;expires=abc", "Contact: \"unterminated <sip:x@127.0.0.1>",
        "Route: <garbage", "Route: <sip:127.0.0.1;lr>", "Record-Route: <sip:127.0.0.1;lr>, <", "Record-Route: <sips:127.0.0.1;lr>",
        "Date: garbage", "Date: Sat, 13 Nov 2010 23:29:00 GMT", "CSeq: 1 BYE", "CSeq: 99999999999999 INVITE", "CSeq: -1 INVITE", "CSeq: 1",
        "Call-ID: ", "Call-ID: a b", "From: <sip:x@127.0.0.1", "From: sip:x@127.0.0.1;tag=", "To: <tel:+1>", "To: \"\\\" <sip:x@y>",
        "Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKdup;rport", "i: compact-call-id", "l: 0", "m: <sip:c@127.0.0.1>", "v: SIP/2.0/UDP 127.0.0.1;rport",
        "Session-Expires: 90;refresher=", "x: 99999999999;refresher=uac", "Session-Expires: 30", "Min-SE: -1", "Min-SE: 99999", "Require: timer",
        "X-Long: " + new string('x', 5000), "Session-Expires: 0", "Event: presence", "RSeq: abc", "RAck: 1 x INVITE", "Allow: ,",
        "Content-Length: 0", "Content-Length: 5", "Referred-By: <", ": novalue", "Bad Header Name: x", "\u00e9\u00e9: utf8",
    ];

    private static readonly string[] BadVias =
    [
        "Via: ", "Via: SIP/2.0/UDP", "Via: SIP/2.0/UDP ;rport", "Via: SIP/2.0/XYZ 127.0.0.1;rport", "Via: SIP/3.0/UDP 127.0.0.1;rport",
        "Via: SIP/2.0/UDP 127.0.0.1:99999;rport", "Via: SIP/2.0/UDP 127.0.0.1;branch=;rport", "Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK;rport=abc",
        "Via: SIP/2.0/UDP [::1;rport", "Via: SIP/2.0/UDP [::1]:5060;rport", "Via: SIP/2.0/UDP 127.0.0.1;;;rport", "Via: garbage",
        "Via: SIP/2.0/UDP 127.0.0.1;rport;received=", "Via: SIP/2.0/UDP 127.0.0.1;rport;maddr=", "Via: SIP/2.0/TCP 127.0.0.1;rport",
        "Via: SIP/2.0/UDP 127.0.0.1;ttl=999;rport", "Via: SIP/2.0/UDP 127.0.0.1;branch=\"q\";rport", "Via: SIP / 2.0 / UDP 127.0.0.1 ; rport",
    ];

    private static readonly string[] BadRequestLines =
    [
        "{0} sip:fuzz@127.0.0.1 SIP/3.0", "{0} sip:fuzz@127.0.0.1 SIP/2.0 extra", "{0}  sip:fuzz@127.0.0.1  SIP/2.0", "{0} tel:+15550100 SIP/2.0",
        "{0} sips:fuzz@127.0.0.1 SIP/2.0", "{0} <sip:fuzz@127.0.0.1> SIP/2.0", "{0} sip:fuzz@127.0.0.1?Subject=x SIP/2.0", "{0} sip: SIP/2.0",
        "FOO sip:fuzz@127.0.0.1 SIP/2.0", "inv\u00e9te sip:fuzz@127.0.0.1 SIP/2.0", "{0} sip:fuzz@127.0.0.1:99999 SIP/2.0", "{0} sip:fuzz@[::1 SIP/2.0",
        "{0} sip:fuzz@127.0.0.1;transport= SIP/2.0", "{0} mailto:x@y SIP/2.0", "{0} sip:%zz@127.0.0.1 SIP/2.0", "{0} * SIP/2.0", "{0}", "",
        "SIP/2.0 200 OK", "SIP/2.0 999 Weird", "SIP/2.0 99 Low", "SIP/2.0 abc",
    ];

    /// <summary>One to three mutations of <paramref name="message"/>.</summary>
    public static byte[] Mutate(Random random, string message)
    {
        var text = message;
        var rounds = random.Next(1, 4);
        byte[]? bytes = null;
        for (var i = 0; i < rounds; i++)
        {
            switch (random.Next(12))
            {
                case 0:
                    bytes = FlipBytes(random, bytes ?? Encoding.UTF8.GetBytes(text));
                    break;
                case 1:
                    bytes = Truncate(random, bytes ?? Encoding.UTF8.GetBytes(text));
                    break;
                case 2:
                    text = DuplicateHeader(random, text);
                    break;
                case 3:
                    text = ReplaceHeader(text, "Content-Length", Pick(random, ["Content-Length: 999999999", "Content-Length: 4294967296", "Content-Length: -1",
                        "Content-Length: abc", "Content-Length: 1", "Content-Length: 99999999999999999999999", "Content-Length: 0x10", "Content-Length:"]));
                    break;
                case 4:
                    text = ReplaceHeader(text, "Via", Pick(random, BadVias));
                    break;
                case 5:
                    text = RemoveHeader(random, text);
                    break;
                case 6:
                    text = InsertHeader(random, text, Pick(random, InjectedHeaders));
                    break;
                case 7:
                    text = ReplaceRequestLine(random, text);
                    break;
                case 8:
                    // Folded continuation lines, bare LF line ends, or a CR alone.
                    text = Pick(random, [text.Replace("\r\nFrom: ", "\r\nFrom:\r\n ", StringComparison.Ordinal), text.Replace("\r\n", "\n", StringComparison.Ordinal),
                        text.Replace("\r\nTo:", "\rTo:", StringComparison.Ordinal), "\r\n\r\n" + text, text.Replace("\r\n\r\n", "\r\n", StringComparison.Ordinal)]);
                    break;
                case 9:
                    text = RepeatHeader(random, text);
                    break;
                case 10:
                    bytes = InsertBytes(random, bytes ?? Encoding.UTF8.GetBytes(text));
                    break;
                default:
                    text = InsertHeader(random, text, Pick(random, InjectedHeaders));
                    text = ReplaceHeader(text, "Via", Pick(random, BadVias));
                    break;
            }

            if (bytes is not null && i < rounds - 1)
            {
                // Later text mutations work on what the byte mutations left (invalid UTF-8 becomes U+FFFD).
                text = Encoding.UTF8.GetString(bytes);
                bytes = null;
            }
        }

        return bytes ?? Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Random bytes, sometimes printable with CRLFs so that they get past the first checks.</summary>
    public static byte[] RandomDatagram(Random random)
    {
        var bytes = new byte[random.Next(0, 1500)];
        random.NextBytes(bytes);
        if (random.Next(2) == 0)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = random.Next(20) == 0 ? (byte)'\n' : random.Next(20) == 0 ? (byte)'\r' : (byte)random.Next(32, 127);
            }
        }

        return bytes;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static byte[] FlipBytes(Random random, byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        var flips = random.Next(1, 9);
        for (var i = 0; i < flips && copy.Length > 0; i++)
        {
            var at = random.Next(copy.Length);
            copy[at] = random.Next(2) == 0 ? (byte)(copy[at] ^ (1 << random.Next(8))) : (byte)random.Next(256);
        }

        return copy;
    }

    private static byte[] Truncate(Random random, byte[] bytes) => bytes.Length == 0 ? bytes : bytes[..random.Next(bytes.Length)];

    private static byte[] InsertBytes(Random random, byte[] bytes)
    {
        var insert = Pick(random, new byte[][] { [0], [0xFF, 0xFE], [0xC3], [0xED, 0xA0, 0x80], [(byte)'\r'], [(byte)'\n'], [0x7F, 0x80, 0x81] });
        var at = random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. insert, .. bytes[at..]];
    }

    private static (List<string> Head, string Body) Split(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var body = end < 0 ? "" : text[(end + 4)..];
        return ([.. head.Split("\r\n")], body);
    }

    private static string Join(List<string> head, string body) => string.Join("\r\n", head) + "\r\n\r\n" + body;

    private static string DuplicateHeader(Random random, string text)
    {
        var (head, body) = Split(text);
        if (head.Count < 2)
        {
            return text;
        }

        var at = random.Next(1, head.Count);
        head.Insert(random.Next(1, head.Count + 1), head[at]);
        return Join(head, body);
    }

    private static string RepeatHeader(Random random, string text)
    {
        var (head, body) = Split(text);
        if (head.Count < 2)
        {
            return text;
        }

        var line = head[random.Next(1, head.Count)];
        head.InsertRange(1, Enumerable.Repeat(line, random.Next(50, 400)));
        return Join(head, body);
    }

    private static string RemoveHeader(Random random, string text)
    {
        var (head, body) = Split(text);
        if (head.Count < 2)
        {
            return text;
        }

        head.RemoveAt(random.Next(1, head.Count));
        return Join(head, body);
    }

    private static string InsertHeader(Random random, string text, string header)
    {
        var (head, body) = Split(text);
        head.Insert(random.Next(Math.Min(1, head.Count), head.Count + 1), header);
        return Join(head, body);
    }

    private static string ReplaceHeader(string text, string name, string replacement)
    {
        var (head, body) = Split(text);
        var at = head.FindIndex(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
        if (at < 0)
        {
            head.Add(replacement);
        }
        else
        {
            head[at] = replacement;
        }

        return Join(head, body);
    }

    private static string ReplaceRequestLine(Random random, string text)
    {
        var (head, body) = Split(text);
        var method = head[0].Split(' ')[0];
        head[0] = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, BadRequestLines), method);
        return Join(head, body);
    }
}
