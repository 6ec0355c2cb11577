using System.Text;
using System.Text.Json;
using Voice.Api.Http;
using Voice.Core.Commands;
using Voice.Media.Contracts.Addressing;

namespace Voice.Api.Telnyx;

/// <summary>
/// Telnyx's <c>refer</c> (blind transfer with a SIP REFER) and <c>send_sip_info</c>. Of refer's <c>sip_headers</c>
/// only User-to-User maps (Telnyx supports no other either): it travels inside Refer-To into the far end's INVITE.
/// <c>custom_headers</c> are X- headers on the REFER. <c>sip_auth_username</c>/<c>sip_auth_password</c> are refused:
/// the node does not answer a challenge to its REFER.
/// </summary>
public static class TelnyxReferActions
{
    /// <summary>Telnyx's limit on an INFO body (it keeps the INFO within one UDP datagram).</summary>
    public const int MaxInfoBodyBytes = 1400;

    private const string UserToUser = "User-to-User";

    public static ReferCall? Refer(BodyFields f, JsonElement body, string id, string? state)
    {
        var address = f.Text("sip_address", required: true, maxLength: 256);
        f.Require(address is null || (DialableSipUri.IsValid(address) && !address.Contains('?', StringComparison.Ordinal)), "sip_address", "'sip_address' must be a sip: URI without URI headers");
        foreach (var name in (string[])["sip_auth_username", "sip_auth_password"])
        {
            f.Require(f.Text(name, maxLength: 128) is null, name, $"'{name}' is not supported: a REFER challenged for credentials fails (call.refer.failed)");
        }

        var headers = TelnyxCustomHeaders.ExtensionHeaders(f);
        var targetHeaders = UserToUserHeader(f);
        return f.Error is null
            ? new ReferCall { CommandId = id, ClientState = state, SipAddress = address!, Headers = headers, TargetHeaders = targetHeaders }
            : null;
    }

    public static SendSipInfo? SendSipInfo(BodyFields f, JsonElement body, string id, string? state)
    {
        var contentType = f.Text("content_type", required: true, maxLength: 128);
        f.Require(contentType is null || IsMediaType(contentType), "content_type", "'content_type' must be a MIME type (type/subtype, optional parameters)");
        var text = f.Text("body", required: true, maxLength: MaxInfoBodyBytes);
        f.Require(text is null || Encoding.UTF8.GetByteCount(text) <= MaxInfoBodyBytes, "body", $"'body' must be at most {MaxInfoBodyBytes} bytes");
        return f.Error is null ? new SendSipInfo { CommandId = id, ClientState = state, ContentType = contentType!, Body = text! } : null;
    }

    private static Dictionary<string, string>? UserToUserHeader(BodyFields f)
    {
        if (f.NestedList("sip_headers", TelnyxCustomHeaders.MaxHeaders) is not { Count: > 0 } items)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            var name = item.Text("name", required: true, maxLength: 64);
            var value = item.Text("value", required: true, maxLength: 512);
            item.Require(name is null || name.Equals(UserToUser, StringComparison.OrdinalIgnoreCase), "name", "only the User-to-User header is supported in 'sip_headers'");
            item.Require(value is null || !value.Any(char.IsControl), "value", "'value' must not hold control characters");
            if (f.Error is not null)
            {
                return null;
            }

            headers[UserToUser] = value!;
        }

        return headers;
    }

    // type "/" subtype, both tokens, then optional parameters; no control characters (it becomes a header value).
    private static bool IsMediaType(string value)
    {
        var semi = value.IndexOf(';');
        var type = (semi < 0 ? value : value[..semi]).Trim();
        var slash = type.IndexOf('/');
        return slash > 0 && slash < type.Length - 1 && !value.Any(char.IsControl)
            && type.All(c => c == '/' || char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal))
            && type.Count(c => c == '/') == 1;
    }
}
