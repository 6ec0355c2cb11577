namespace Voice.Sip.Messages;

/// <summary>
/// A SIP request or response: headers plus an opaque body. Typed accessors parse on demand and return null (never
/// throw) when a header is absent or malformed. Content-Length is derived from <see cref="Body"/> when serialized.
/// </summary>
public abstract class SipMessage
{
    /// <summary>Header fields in order.</summary>
    public SipHeaderCollection Headers { get; } = new();

    /// <summary>The message body (empty when none).</summary>
    public ReadOnlyMemory<byte> Body { get; set; } = ReadOnlyMemory<byte>.Empty;

    /// <summary>The first line, without CRLF.</summary>
    public abstract string StartLine { get; }

    /// <summary>All Via values, top first; null if any is malformed.</summary>
    public IReadOnlyList<SipVia>? Vias
    {
        get
        {
            var result = new List<SipVia>();
            foreach (var value in Headers.GetValues(SipHeaderNames.Via))
            {
                if (!SipVia.TryParse(value, out var via))
                {
                    return null;
                }

                result.Add(via);
            }

            return result;
        }
    }

    /// <summary>The top Via value, or null.</summary>
    public SipVia? TopVia
    {
        get
        {
            var values = Headers.GetValues(SipHeaderNames.Via);
            return values.Count > 0 && SipVia.TryParse(values[0], out var via) ? via : null;
        }
    }

    /// <summary>The From address, or null.</summary>
    public SipAddress? From => ParseAddress(SipHeaderNames.From);

    /// <summary>The To address, or null.</summary>
    public SipAddress? To => ParseAddress(SipHeaderNames.To);

    /// <summary>The Call-ID, or null.</summary>
    public string? CallId => Headers.Get(SipHeaderNames.CallId);

    /// <summary>The CSeq, or null.</summary>
    public SipCSeq? CSeq => Headers.Get(SipHeaderNames.CSeq) is { } v && SipCSeq.TryParse(v, out var c) ? c : null;

    /// <summary>The Content-Type value (media type with parameters), or null.</summary>
    public string? ContentType => Headers.Get(SipHeaderNames.ContentType);

    /// <summary>The Contact addresses; malformed entries are skipped.</summary>
    public IReadOnlyList<SipAddress> Contacts => ParseAddressList(SipHeaderNames.Contact);

    /// <summary>Record-Route addresses in order.</summary>
    public IReadOnlyList<SipAddress> RecordRoutes => ParseAddressList(SipHeaderNames.RecordRoute);

    /// <summary>The Max-Forwards value, or null when absent or malformed.</summary>
    public int? MaxForwards =>
        Headers.Get(SipHeaderNames.MaxForwards) is { } v && SipCharacters.TryParseBounded(v, 255, out var n) ? (int)n : null;

    /// <summary>Parses every element of an address list header (Contact, Route, Record-Route), skipping bad ones.</summary>
    public IReadOnlyList<SipAddress> ParseAddressList(string headerName)
    {
        var result = new List<SipAddress>();
        foreach (var value in Headers.GetValues(headerName))
        {
            if (SipAddress.TryParse(value, out var address))
            {
                result.Add(address);
            }
        }

        return result;
    }

    private SipAddress? ParseAddress(string name) =>
        Headers.Get(name) is { } v && SipAddress.TryParse(v, out var a) ? a : null;
}
