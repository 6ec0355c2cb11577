using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Text.RegularExpressions;

namespace Voice.Bench;

/// <summary>
/// Counts the Azure Storage requests this process makes (DevHost: API, lifecycles on the Durable engine, the
/// media-events pump), by what they touch — a figure per call that does not depend on the machine's load, unlike
/// latency and CPU. It listens to the Azure SDK's own event source (<c>Azure-Core</c>, event <c>Request</c>), which
/// every client (Azure.Storage.Queues/Blobs, Azure.Data.Tables, the Durable Azure Storage provider's) writes to.
/// Opt-in (<c>--count-requests</c>): enabling the source makes the SDK format every request's headers.
/// </summary>
internal sealed partial class StorageRequestCounter : EventListener
{
    private const int RequestEventId = 1;
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    private volatile bool enabled;

    public void Start() => enabled = true;

    /// <summary>The counts so far, by kind (<c>queue control POST</c>, <c>table History $batch</c>, …).</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(counts, StringComparer.Ordinal);

    /// <summary>What happened between two snapshots, per <paramref name="calls"/>, the biggest first.</summary>
    public static string PerCall(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, int calls)
    {
        if (calls <= 0)
        {
            return "no calls";
        }

        var delta = after.Select(a => (a.Key, Count: a.Value - before.GetValueOrDefault(a.Key))).Where(d => d.Count > 0).OrderByDescending(d => d.Count).ToList();
        var total = delta.Sum(d => d.Count);
        return $"{(double)total / calls:0.0} storage requests per call (" +
            string.Join(", ", delta.Select(d => $"{d.Key} {(double)d.Count / calls:0.00}")) + ")";
    }

    /// <summary>Requests per second of an idle window: the pollers' floor, which a per-call figure includes.</summary>
    public static string PerSecond(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, double seconds)
    {
        var delta = after.Select(a => (a.Key, Count: a.Value - before.GetValueOrDefault(a.Key))).Where(d => d.Count > 0).OrderByDescending(d => d.Count).ToList();
        return $"{delta.Sum(d => d.Count) / seconds:0.0} storage requests/s idle (" +
            string.Join(", ", delta.Select(d => $"{d.Key} {d.Count / seconds:0.0}")) + ")";
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Azure-Core")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!enabled || eventData.EventId != RequestEventId || eventData.Payload is not { Count: >= 3 } payload)
        {
            return;
        }

        var method = payload[1] as string ?? "?";
        var uri = payload[2] as string ?? "";
        counts.AddOrUpdate(Kind(method, uri), 1, (_, n) => n + 1);
    }

    /// <summary>
    /// <c>service resource method</c>: queues and tables by name with partition numbers folded (control-00..03 →
    /// control), so that the Durable provider's control queues, work-item queue, History and Instances tables show.
    /// </summary>
    private static string Kind(string method, string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            return $"? {method}";
        }

        // Azurite's path style: /devstoreaccount1/<resource>/...
        var segments = parsed.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : segments.FirstOrDefault() ?? "";
        resource = Partition().Replace(resource, "");
        var table = TableEntity().Match(resource);
        if (table.Success)
        {
            resource = table.Groups[1].Value;
        }

        var service = segments.Length > 2 && segments[2] == "messages" ? "queue"
            : table.Success || resource is "$batch" or "Tables" || resource.Any(char.IsUpper) ? "table" // containers are lower case
            : "blob";
        var verb = method == "GET" && parsed.Query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) ? "PEEK" : method;
        return $"{service} {resource} {verb}";
    }

    [GeneratedRegex(@"-\d{2}$")]
    private static partial Regex Partition();

    [GeneratedRegex(@"^([A-Za-z0-9]+)\(.*\)$")]
    private static partial Regex TableEntity();
}
