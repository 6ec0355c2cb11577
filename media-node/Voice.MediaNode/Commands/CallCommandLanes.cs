namespace Voice.MediaNode.Commands;

/// <summary>
/// One lane per call: a call's commands run one after another, in the order they were queued; different calls'
/// commands run concurrently, so one call's slow command (a BYE to a vanished phone, a prompt download, TTS) holds
/// up only that call. A lane exists while it has work and is dropped when it runs dry.
/// </summary>
public sealed class CallCommandLanes(ILogger logger)
{
    // Per call with a lane, the work waiting behind the one running. No work runs under this lock (principle 8).
    private readonly Dictionary<string, Queue<Func<Task>>> waiting = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Calls with work running or waiting.</summary>
    public int ActiveLanes
    {
        get
        {
            lock (gate)
            {
                return waiting.Count;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> after every earlier work of <paramref name="callId"/>, on the thread pool (never
    /// inline on the caller). The work reports its own failures; one that throws anyway is logged and its lane goes on.
    /// </summary>
    public void Enqueue(string callId, Func<Task> work)
    {
        lock (gate)
        {
            if (waiting.TryGetValue(callId, out var lane))
            {
                lane.Enqueue(work);
                return;
            }

            waiting[callId] = new Queue<Func<Task>>();
        }

        _ = Task.Run(() => RunAsync(callId, work));
    }

    private async Task RunAsync(string callId, Func<Task> first)
    {
        var next = first;
        while (true)
        {
            try
            {
                await next();
            }
            catch (Exception e)
            {
                logger.LogError(e, "A command of call {CallId} failed outside its handling", callId);
            }

            lock (gate)
            {
                if (!waiting[callId].TryDequeue(out var queued))
                {
                    waiting.Remove(callId);
                    return;
                }

                next = queued;
            }
        }
    }
}
