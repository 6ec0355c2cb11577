namespace Voice.Bench.Generator;

/// <summary>
/// The sink mode's accounting (the media bench's receivers): RTP datagrams per side and source port, so each
/// sending session's share can be checked. Each side is counted by its own receive thread.
/// </summary>
internal sealed class SinkCounts(int sides)
{
    private readonly long[][] _perSource = [.. Enumerable.Range(0, sides).Select(_ => new long[65536])];

    public void OnPacket(int side, int sourcePort) => _perSource[side][sourcePort]++;

    /// <summary>Datagrams, sources that sent any, and the fewest and most from one source (call after the threads stopped).</summary>
    public (long Received, int Sources, long Fewest, long Most) Totals()
    {
        var counts = _perSource.SelectMany(c => c).Where(c => c > 0).ToList();
        return (counts.Sum(), counts.Count, counts.DefaultIfEmpty(0).Min(), counts.DefaultIfEmpty(0).Max());
    }
}
