using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Voice.Media.Contracts;

namespace Voice.Api.Telnyx;

/// <summary>
/// Our ids as Telnyx shapes them, reversibly and with no lookup. Our call, conference and recording ids are a
/// two-letter prefix and 32 lower-case hex digits (<see cref="SortableIds"/>), i.e. 128 bits, so:
/// <list type="bullet">
/// <item>a <b>call control id</b> is <c>v3:</c> and the unpadded base64url of the prefix's two ASCII bytes and the 16
/// bytes (24 characters: <c>v3:Q0H__…</c>), which carries the prefix so a conference id cannot pass for a call's;
/// </item>
/// <item>a <b>leg, session or conference id</b> is a UUID whose 32 hex digits are the id's (8-4-4-4-12); the prefix is
/// implied by the field (call legs and sessions <c>CA</c>, conferences <c>CF</c>).</item>
/// </list>
/// Every character is in RFC 3986's unreserved set (<c>:</c> is a pchar), so the SDK puts call control ids into paths
/// unescaped (<c>/calls/v3:…/actions/answer</c>) and routes take them as one segment.
/// </summary>
public static class TelnyxIds
{
    public const string CallControlIdPrefix = "v3:";

    private const int HexDigits = 32;
    private const int PrefixLength = 2;

    /// <summary><c>v3:…</c> for a call id (<c>CA…</c>).</summary>
    public static string CallControlId(string callId)
    {
        Span<byte> bytes = stackalloc byte[PrefixLength + (HexDigits / 2)];
        Encoding.ASCII.GetBytes(callId.AsSpan(0, PrefixLength), bytes);
        Convert.FromHexString(callId.AsSpan(PrefixLength, HexDigits), bytes[PrefixLength..], out _, out _);
        return CallControlIdPrefix + Base64Url.EncodeToString(bytes);
    }

    /// <summary>The call id (<c>CA…</c>) a call control id stands for; false for anything else (404/422 to the caller).</summary>
    public static bool TryParseCallControlId(string? callControlId, out string callId)
    {
        callId = "";
        if (callControlId is null || !callControlId.StartsWith(CallControlIdPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = callControlId.AsSpan(CallControlIdPrefix.Length);
        Span<byte> bytes = stackalloc byte[PrefixLength + (HexDigits / 2)];
        if (encoded.Length != Base64Url.GetEncodedLength(bytes.Length)
            || Base64Url.DecodeFromChars(encoded, bytes, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != bytes.Length)
        {
            return false;
        }

        var id = Encoding.ASCII.GetString(bytes[..PrefixLength]) + Convert.ToHexStringLower(bytes[PrefixLength..]);
        if (!SortableIds.IsWellFormed(id, SortableIds.CallPrefix) || CallControlId(id) != callControlId)
        {
            return false;
        }

        callId = id;
        return true;
    }

    /// <summary>The UUID form (<c>call_leg_id</c>, <c>call_session_id</c>, conference <c>id</c>) of an id.</summary>
    public static string Uuid(string id)
    {
        var hex = id.AsSpan(PrefixLength, HexDigits);
        return string.Create(CultureInfo.InvariantCulture, $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}");
    }

    /// <summary>The id with <paramref name="prefix"/> (<see cref="SortableIds.CallPrefix"/> …) a UUID stands for.</summary>
    public static bool TryParseUuid(string? uuid, string prefix, out string id)
    {
        id = "";
        if (uuid is not { Length: 36 } || !Guid.TryParseExact(uuid, "D", out _))
        {
            return false;
        }

        var candidate = prefix + uuid.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        if (!SortableIds.IsWellFormed(candidate, prefix))
        {
            return false;
        }

        id = candidate;
        return true;
    }

    /// <summary>
    /// Whether a path segment can be an id at all: 1..64 characters of RFC 3986's unreserved set and <c>:</c>. Anything
    /// else is a 404 without a storage read (Table keys refuse <c>#</c>, <c>?</c>, <c>/</c> and <c>\</c>).
    /// </summary>
    public static bool IsPathId(string? id)
    {
        if (id is not { Length: > 0 and <= 64 })
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or '~' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
