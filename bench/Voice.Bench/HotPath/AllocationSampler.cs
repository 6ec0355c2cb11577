using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Voice.Bench.HotPath;

/// <summary>
/// Which types are allocated, from the runtime's allocation-tick events (one about every 100 KB allocated, naming
/// the type that crossed the mark): enough to find who allocates in a path that should not.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    /// <summary>Bytes attributed to each type name so far, largest first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Top(int count) => _bytes.OrderByDescending(p => p.Value).Take(count).ToList();

    /// <summary>Forgets what was counted (after a warm-up).</summary>
    public void Reset() => _bytes.Clear();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var typeName = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(typeName, amount, (_, total) => total + amount);
    }
}
