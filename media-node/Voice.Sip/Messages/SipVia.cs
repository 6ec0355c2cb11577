using System.Text;

namespace Voice.Sip.Messages;

/// <summary>
/// One Via value (RFC 3261 §20.42, RFC 3581): <c>SIP/2.0/UDP host:port;branch=z9hG4bK...;received=...;rport</c>.
/// </summary>
public sealed class SipVia
{
    /// <summary>The RFC 3261 branch prefix that marks globally unique branch ids.</summary>
    public const string MagicCookie = "z9hG4bK";

    /// <summary>Creates a Via for a request this stack sends.</summary>
    public SipVia(string transport, string host, int? port, string branch)
    {
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        Parameters = new SipParameters();
        Parameters.Set("branch", branch);
    }

    private SipVia(string protocol, string transport, string host, int? port, SipParameters parameters)
    {
        Protocol = protocol;
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters;
    }

    /// <summary>Protocol name and version, normally <c>SIP/2.0</c>.</summary>
    public string Protocol { get; } = "SIP/2.0";

    /// <summary>Transport token in upper case (UDP, TCP, TLS, SCTP, or an extension).</summary>
    public string Transport { get; }

    /// <summary>sent-by host.</summary>
    public string Host { get; }

    /// <summary>sent-by port, if written.</summary>
    public int? Port { get; }

    /// <summary>Via parameters in order.</summary>
    public SipParameters Parameters { get; }

    /// <summary>The branch parameter, if any.</summary>
    public string? Branch => Parameters.Get("branch");

    /// <summary>True when the branch starts with the RFC 3261 magic cookie (otherwise RFC 2543 matching applies).</summary>
    public bool HasRfc3261Branch => Branch is { } b && b.StartsWith(MagicCookie, StringComparison.Ordinal) && b.Length > MagicCookie.Length;

    /// <summary>The received parameter, if any.</summary>
    public string? Received => Parameters.Get("received");

    /// <summary>True when an rport parameter is present (with or without value).</summary>
    public bool HasRport => Parameters.Contains("rport");

    /// <summary>The rport value, if filled in.</summary>
    public int? Rport => int.TryParse(Parameters.Get("rport"), out var p) ? p : null;

    /// <summary>Parses one Via value; false (never throws) when malformed.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipVia via)
    {
        via = null!;
        var i = 0;
        if (!TryReadToken(text, ref i, out var name) || !TryExpect(text, ref i, '/')
            || !TryReadToken(text, ref i, out var version) || !TryExpect(text, ref i, '/')
            || !TryReadToken(text, ref i, out var transport))
        {
            return false;
        }

        i = Skip(text, i);
        var start = i;
        while (i < text.Length && text[i] != ';' && !SipCharacters.IsWhitespace(text[i]))
        {
            i++;
        }

        // sent-by = host [ COLON port ]; COLON may carry whitespace around it.
        var hostPort = text[start..i].ToString();
        var j = Skip(text, i);
        if (j < text.Length && text[j] == ':')
        {
            j = Skip(text, j + 1);
            var portStart = j;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                j++;
            }

            hostPort += ":" + text[portStart..j].ToString();
            i = j;
        }

        if (!SipUri.TryParseHostPort(hostPort, out var host, out var port)
            || !SipParameters.TryParseHeaderParameters(text[i..], out var parameters))
        {
            return false;
        }

        via = new SipVia(name.ToString() + "/" + version.ToString(), transport.ToString().ToUpperInvariant(), host, port, parameters);
        return true;
    }

    /// <summary>Canonical form, e.g. <c>SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Protocol).Append('/').Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port);
        }

        Parameters.AppendTo(builder);
        return builder.ToString();
    }

    private static bool TryReadToken(ReadOnlySpan<char> text, ref int i, out ReadOnlySpan<char> token)
    {
        i = Skip(text, i);
        var start = i;
        while (i < text.Length && SipCharacters.IsTokenChar(text[i]))
        {
            i++;
        }

        token = text[start..i];
        return !token.IsEmpty;
    }

    private static bool TryExpect(ReadOnlySpan<char> text, ref int i, char c)
    {
        i = Skip(text, i);
        if (i < text.Length && text[i] == c)
        {
            i++;
            return true;
        }

        return false;
    }

    private static int Skip(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && SipCharacters.IsWhitespace(text[i]))
        {
            i++;
        }

        return i;
    }
}
