using System.Collections.Concurrent;
using Voice.Media.Contracts;
using Voice.MediaNode.Calls;

namespace Voice.MediaNode.Tests.Host;

/// <summary>
/// A call whose commands the test can hold: a held command starts (and is recorded as started) but does not finish
/// until the test releases it or the node stops. Records the order in which commands start and finish.
/// </summary>
internal sealed class GatedCall(string callId) : ICallLeg
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> starts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> ends = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> started = new();
    private readonly ConcurrentQueue<string> finished = new();

    public string CallId { get; } = callId;

    /// <summary>Command ids in the order they started.</summary>
    public IReadOnlyList<string> Started => [.. started];

    /// <summary>Command ids in the order they finished.</summary>
    public IReadOnlyList<string> Finished => [.. finished];

    /// <summary>Makes command <paramref name="commandId"/> wait, once it starts, until <see cref="Release"/>.</summary>
    public void Hold(string commandId) => Signal(gates, commandId);

    public void Release(string commandId) => Signal(gates, commandId).TrySetResult();

    /// <summary>Completes when command <paramref name="commandId"/> has started (fails the test after <paramref name="seconds"/>).</summary>
    public Task StartedAsync(string commandId, int seconds = 15) => Signal(starts, commandId).Task.WaitAsync(TimeSpan.FromSeconds(seconds));

    /// <summary>Completes when command <paramref name="commandId"/> has finished (fails the test after <paramref name="seconds"/>).</summary>
    public Task FinishedAsync(string commandId, int seconds = 15) => Signal(ends, commandId).Task.WaitAsync(TimeSpan.FromSeconds(seconds));

    public async Task HandleAsync(MediaCommand command, CancellationToken cancellationToken)
    {
        started.Enqueue(command.Id);
        Signal(starts, command.Id).TrySetResult();
        if (gates.TryGetValue(command.Id, out var gate))
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        finished.Enqueue(command.Id);
        Signal(ends, command.Id).TrySetResult();
    }

    public Task EndAsync(string cause, CancellationToken cancellationToken) => Task.CompletedTask;

    private static TaskCompletionSource Signal(ConcurrentDictionary<string, TaskCompletionSource> signals, string commandId) =>
        signals.GetOrAdd(commandId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
