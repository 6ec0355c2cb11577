using System.Security.Cryptography;

namespace Voice.Media.Contracts.Nodes;

/// <summary>
/// One run of one media-node: its stable <see cref="NodeId"/> and the <see cref="Incarnation"/> it drew at start. Every
/// call belongs to one address and its commands go to that address's queue, so a node that restarts (a new incarnation)
/// never receives — and so never resurrects — the commands of the calls its previous run held.
/// </summary>
public sealed record MediaNodeAddress(string NodeId, string Incarnation)
{
    /// <summary>Longest node id: the queue name <c>media-commands-{id}-{incarnation}</c> must fit 63 characters.</summary>
    public const int MaxNodeIdLength = 32;

    private const int IncarnationLength = 8;

    /// <summary>The node's command queue.</summary>
    public string CommandQueue => $"{MediaQueues.NodeCommandsPrefix}{NodeId}-{Incarnation}";

    /// <summary>A fresh incarnation for <paramref name="nodeId"/> (8 random hex digits).</summary>
    public static MediaNodeAddress Start(string nodeId)
    {
        if (!IsValidNodeId(nodeId))
        {
            throw new ArgumentException($"'{nodeId}' is not a valid node id: 1-{MaxNodeIdLength} lowercase letters, digits and inner dashes", nameof(nodeId));
        }

        return new MediaNodeAddress(nodeId, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IncarnationLength / 2)));
    }

    /// <summary>Lowercase letters, digits and single inner dashes, as a queue name allows.</summary>
    public static bool IsValidNodeId(string? nodeId)
    {
        if (string.IsNullOrEmpty(nodeId) || nodeId.Length > MaxNodeIdLength || nodeId[0] == '-' || nodeId[^1] == '-' || nodeId.Contains("--", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in nodeId)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A node id made from <paramref name="name"/> (a host name): lowercased, other characters turned into dashes, cut to fit.</summary>
    public static string NodeIdFrom(string name)
    {
        Span<char> id = stackalloc char[Math.Min(name.Length, MaxNodeIdLength)];
        var length = 0;
        foreach (var c in name.ToLowerInvariant())
        {
            if (length == id.Length)
            {
                break;
            }

            var mapped = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-';
            if (mapped == '-' && (length == 0 || id[length - 1] == '-'))
            {
                continue;
            }

            id[length++] = mapped;
        }

        var result = new string(id[..length]).TrimEnd('-');
        return result.Length == 0 ? "node" : result;
    }

    /// <summary><c>{nodeId}/{incarnation}</c>, as stored with a call.</summary>
    public override string ToString() => $"{NodeId}/{Incarnation}";

    /// <summary>Parses <see cref="ToString"/>'s form; null when <paramref name="text"/> is not one.</summary>
    public static MediaNodeAddress? TryParse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return null;
        }

        var nodeId = text[..slash];
        var incarnation = text[(slash + 1)..];
        return IsValidNodeId(nodeId) && incarnation.Length == IncarnationLength && incarnation.All(char.IsAsciiHexDigitLower)
            ? new MediaNodeAddress(nodeId, incarnation)
            : null;
    }
}
