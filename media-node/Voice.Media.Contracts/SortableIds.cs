using System.Security.Cryptography;

namespace Voice.Media.Contracts;

/// <summary>
/// Resource ids that sort newest-first as strings: a two-letter prefix, 16 hex digits of inverted creation
/// ticks, 16 random hex digits (e.g. <c>CA0d2f…</c>). Used as Table RowKeys, so a partition scan returns
/// the newest resources first with no secondary index. Shared with the media-node, which mints the ids of inbound
/// calls (it sees their INVITE first).
/// </summary>
public static class SortableIds
{
    public const string CallPrefix = "CA";
    public const string ConferencePrefix = "CF";
    public const string AccountPrefix = "AC";
    public const string RecordingPrefix = "RE";
    public const string QueuePrefix = "QU";

    private const int Length = 2 + 32;

    public static string New(string prefix, DateTimeOffset createdAt)
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        var inverted = long.MaxValue - createdAt.UtcTicks;
        return prefix + inverted.ToString("x16") + Convert.ToHexStringLower(random);
    }

    /// <summary>
    /// An id like <see cref="New"/>'s whose last 16 digits come from <paramref name="seed"/> instead of randomness, so a
    /// lifecycle that must be deterministic (it replays) mints the same id for the same seed every time.
    /// </summary>
    public static string Derived(string prefix, DateTimeOffset createdAt, string seed)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed), hash);
        var inverted = long.MaxValue - createdAt.UtcTicks;
        return prefix + inverted.ToString("x16") + Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>True when <paramref name="id"/> has the shape of an id with this prefix (safe as a RowKey).</summary>
    public static bool IsWellFormed(string? id, string prefix)
    {
        if (id is null || id.Length != Length || !id.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in id.AsSpan(2))
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
