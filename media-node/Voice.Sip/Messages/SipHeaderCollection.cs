namespace Voice.Sip.Messages;

/// <summary>
/// The header fields of a message in wire order. Names are canonicalized on entry (compact forms expanded) and
/// compared case-insensitively. Values are stored as received (unfolded and trimmed); typed views live on
/// <see cref="SipMessage"/>.
/// </summary>
public sealed class SipHeaderCollection
{
    private readonly List<SipHeader> headers = [];

    /// <summary>All header fields in order.</summary>
    public IReadOnlyList<SipHeader> All => headers;

    /// <summary>Number of header fields (a comma-separated line counts once).</summary>
    public int Count => headers.Count;

    /// <summary>Appends a header field.</summary>
    public void Add(string name, string value) => headers.Add(new SipHeader(SipHeaderNames.Canonicalize(name), value));

    /// <summary>Inserts a header field before all others of any name (used for a new top Via).</summary>
    public void Prepend(string name, string value) => headers.Insert(0, new SipHeader(SipHeaderNames.Canonicalize(name), value));

    /// <summary>Replaces all fields named <paramref name="name"/> with one field (appended if none existed).</summary>
    public void Set(string name, string value)
    {
        name = SipHeaderNames.Canonicalize(name);
        var index = headers.FindIndex(h => Matches(h, name));
        Remove(name);
        if (index < 0 || index > headers.Count)
        {
            headers.Add(new SipHeader(name, value));
        }
        else
        {
            headers.Insert(index, new SipHeader(name, value));
        }
    }

    /// <summary>Removes every field named <paramref name="name"/>; returns how many were removed.</summary>
    public int Remove(string name)
    {
        name = SipHeaderNames.Canonicalize(name);
        return headers.RemoveAll(h => Matches(h, name));
    }

    /// <summary>The first field's value, or null.</summary>
    public string? Get(string name)
    {
        name = SipHeaderNames.Canonicalize(name);
        foreach (var h in headers)
        {
            if (Matches(h, name))
            {
                return h.Value;
            }
        }

        return null;
    }

    /// <summary>How many fields carry this name.</summary>
    public int CountOf(string name)
    {
        name = SipHeaderNames.Canonicalize(name);
        var count = 0;
        foreach (var h in headers)
        {
            if (Matches(h, name))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Every element of a list-valued header across all its fields, split at commas outside quotes and angle
    /// brackets, each trimmed (RFC 3261 §7.3.1). Empty elements are returned as empty strings so callers can reject them.
    /// </summary>
    public List<string> GetValues(string name)
    {
        name = SipHeaderNames.Canonicalize(name);
        var values = new List<string>();
        foreach (var h in headers)
        {
            if (Matches(h, name))
            {
                SipListSplitter.Split(h.Value, values);
            }
        }

        return values;
    }

    /// <summary>Copies all fields named <paramref name="name"/> (in order) into <paramref name="target"/>.</summary>
    public void CopyTo(SipHeaderCollection target, string name)
    {
        name = SipHeaderNames.Canonicalize(name);
        foreach (var h in headers)
        {
            if (Matches(h, name))
            {
                target.headers.Add(h);
            }
        }
    }

    private static bool Matches(SipHeader header, string canonicalName) =>
        header.Name.Equals(canonicalName, StringComparison.OrdinalIgnoreCase);
}
