using System.Collections.Frozen;

namespace Voice.Sip.Messages;

/// <summary>Header names in their canonical spelling, and the mapping from compact and odd-cased forms.</summary>
public static class SipHeaderNames
{
    public const string Accept = "Accept";
    public const string Allow = "Allow";
    public const string Authorization = "Authorization";
    public const string CallId = "Call-ID";
    public const string Contact = "Contact";
    public const string ContentEncoding = "Content-Encoding";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string CSeq = "CSeq";
    public const string Date = "Date";
    public const string Event = "Event";
    public const string Expires = "Expires";
    public const string From = "From";
    public const string InfoPackage = "Info-Package";
    public const string MaxForwards = "Max-Forwards";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string ProxyRequire = "Proxy-Require";
    public const string Reason = "Reason";
    public const string RecordRoute = "Record-Route";
    public const string ReferredBy = "Referred-By";
    public const string ReferTo = "Refer-To";
    public const string Require = "Require";
    public const string Route = "Route";
    public const string Server = "Server";
    public const string Subject = "Subject";
    public const string SubscriptionState = "Subscription-State";
    public const string Supported = "Supported";
    public const string To = "To";
    public const string Unsupported = "Unsupported";
    public const string UserAgent = "User-Agent";
    public const string Via = "Via";
    public const string WwwAuthenticate = "WWW-Authenticate";

    private static readonly FrozenDictionary<string, string> Canonical = BuildCanonical();

    /// <summary>
    /// The canonical spelling of <paramref name="name"/>: compact forms (RFC 3261 §7.3.3 and extensions) expand to
    /// the full name, known names get their usual case, unknown names are returned unchanged.
    /// </summary>
    public static string Canonicalize(string name) => Canonical.TryGetValue(name, out var canonical) ? canonical : name;

    private static FrozenDictionary<string, string> BuildCanonical()
    {
        string[] known =
        [
            Accept, "Accept-Encoding", "Accept-Language", "Alert-Info", Allow, "Allow-Events", "Authentication-Info",
            Authorization, CallId, "Call-Info", Contact, "Content-Disposition", ContentEncoding, "Content-Language",
            ContentLength, ContentType, CSeq, Date, "Error-Info", Event, Expires, InfoPackage, From, "Identity", "In-Reply-To",
            MaxForwards, "Min-Expires", "Min-SE", "MIME-Version", "Organization", "P-Asserted-Identity", "Priority",
            ProxyAuthenticate, ProxyAuthorization, ProxyRequire, Reason, RecordRoute, ReferTo, ReferredBy,
            "Reply-To", Require, "Retry-After", Route, "RSeq", "RAck", Server, "Session-Expires", Subject,
            SubscriptionState, Supported, "Timestamp", To, Unsupported, UserAgent, Via, "Warning", WwwAuthenticate,
        ];
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in known)
        {
            map[name] = name;
        }

        (string Compact, string Full)[] compact =
        [
            ("a", "Accept-Contact"), ("b", "Referred-By"), ("c", ContentType), ("d", "Request-Disposition"),
            ("e", ContentEncoding), ("f", From), ("i", CallId), ("j", "Reject-Contact"), ("k", Supported),
            ("l", ContentLength), ("m", Contact), ("n", "Identity-Info"), ("o", "Event"), ("r", "Refer-To"),
            ("s", Subject), ("t", To), ("u", "Allow-Events"), ("v", Via), ("x", "Session-Expires"), ("y", "Identity"),
        ];
        foreach (var (c, full) in compact)
        {
            map[c] = full;
        }

        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
