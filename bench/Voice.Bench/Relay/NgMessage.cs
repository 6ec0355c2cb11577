using System.Text;

namespace Voice.Bench.Relay;

/// <summary>
/// One rtpengine ng control datagram: a cookie (no spaces; the daemon answers with the same one and replays its
/// cached answer when a request is retransmitted), a space, and a bencoded dictionary.
/// </summary>
internal static class NgMessage
{
    /// <summary>The datagram for <paramref name="body"/> under <paramref name="cookie"/>.</summary>
    public static byte[] Format(string cookie, IReadOnlyDictionary<string, object> body)
    {
        if (cookie.Length == 0 || cookie.Contains(' ', StringComparison.Ordinal))
        {
            throw new ArgumentException("an ng cookie is a non-empty word", nameof(cookie));
        }

        return [.. Encoding.ASCII.GetBytes(cookie + " "), .. Bencode.Encode(body)];
    }

    /// <summary>Splits a datagram into its cookie and dictionary; false with a reason when it is not an ng message.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out string cookie, out Dictionary<string, object>? body, out string? error)
    {
        cookie = "";
        body = null;
        var space = datagram.IndexOf((byte)' ');
        if (space <= 0)
        {
            error = space == 0 ? "empty cookie" : "no space after the cookie";
            return false;
        }

        if (!Bencode.TryDecode(datagram[(space + 1)..], out var value, out error))
        {
            return false;
        }

        if (value is not Dictionary<string, object> dictionary)
        {
            error = "the message is not a dictionary";
            return false;
        }

        cookie = Encoding.ASCII.GetString(datagram[..space]);
        body = dictionary;
        return true;
    }
}
