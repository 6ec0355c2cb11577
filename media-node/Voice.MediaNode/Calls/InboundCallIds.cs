using System.Security.Cryptography;

namespace Voice.MediaNode.Calls;

/// <summary>
/// Ids of inbound legs, minted by the node because it sees the INVITE first. They have the shape of every
/// platform call id (functions' <c>SortableIds</c>: <c>CA</c>, 16 hex digits of inverted creation ticks, 16 random
/// hex digits): the API only addresses well-formed call ids (GET/DELETE <c>/calls/{id}</c>), and call lists sort
/// newest-first by that id.
/// </summary>
public static class InboundCallIds
{
    public static string New(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return "CA" + (long.MaxValue - now.UtcTicks).ToString("x16") + Convert.ToHexStringLower(random);
    }
}
