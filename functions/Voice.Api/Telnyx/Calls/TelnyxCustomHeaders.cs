using Voice.Api.Http;

namespace Voice.Api.Telnyx;

/// <summary>
/// A dial's <c>custom_headers</c> (<c>[{"name":"X-…","value":"…"}]</c>), sent in the INVITE. Only <c>X-</c> headers: the
/// others (and Telnyx's <c>sip_headers</c>, such as User-to-User) would let a client rewrite the SIP the node speaks.
/// </summary>
public static class TelnyxCustomHeaders
{
    public const int MaxHeaders = 20;

    public static IReadOnlyDictionary<string, string>? Read(BodyFields f)
    {
        f.Require(f.NestedList("sip_headers", MaxHeaders) is not { Count: > 0 }, "sip_headers", "'sip_headers' are not supported: send X- headers in 'custom_headers'");
        return ExtensionHeaders(f);
    }

    /// <summary>Only <c>custom_headers</c> (X- names), for actions that read <c>sip_headers</c> their own way (refer).</summary>
    public static IReadOnlyDictionary<string, string>? ExtensionHeaders(BodyFields f)
    {
        if (f.NestedList("custom_headers", MaxHeaders) is not { } items)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            var name = item.Text("name", required: true, maxLength: 64);
            var value = item.Text("value", required: true, maxLength: 512);
            item.Require(name is null || IsExtensionHeaderName(name), "name", "'name' must be an X- header name (letters, digits and '-')");
            item.Require(value is null || !value.Any(char.IsControl), "value", "'value' must not hold control characters");
            if (f.Error is not null)
            {
                return null;
            }

            headers[name!] = value!;
        }

        return headers;
    }

    private static bool IsExtensionHeaderName(string name) =>
        name.Length > 2 && name.StartsWith("X-", StringComparison.OrdinalIgnoreCase) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
