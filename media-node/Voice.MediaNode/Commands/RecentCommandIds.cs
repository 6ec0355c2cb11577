namespace Voice.MediaNode.Commands;

/// <summary>
/// The ids of the most recently executed commands (least recently seen evicted first), so a redelivered queue
/// message is acknowledged without acting twice. Bounded: a repeat arriving after <see cref="Capacity"/> newer
/// commands is executed again, which queue visibility timeouts make practically impossible.
/// </summary>
public sealed class RecentCommandIds(int capacity = 10_000)
{
    private readonly Dictionary<string, LinkedListNode<string>> index = new(StringComparer.Ordinal);
    private readonly LinkedList<string> order = new();
    private readonly Lock gate = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>True when <paramref name="id"/> was remembered (and refreshes it).</summary>
    public bool Contains(string id)
    {
        lock (gate)
        {
            if (!index.TryGetValue(id, out var node))
            {
                return false;
            }

            order.Remove(node);
            order.AddFirst(node);
            return true;
        }
    }

    /// <summary>Remembers <paramref name="id"/>, evicting the oldest id when full.</summary>
    public void Add(string id)
    {
        lock (gate)
        {
            if (index.TryGetValue(id, out var existing))
            {
                order.Remove(existing);
                order.AddFirst(existing);
                return;
            }

            index[id] = order.AddFirst(id);
            if (index.Count > Capacity)
            {
                index.Remove(order.Last!.Value);
                order.RemoveLast();
            }
        }
    }
}
