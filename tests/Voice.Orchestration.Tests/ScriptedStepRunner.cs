using System.Collections.Concurrent;
using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;
using Voice.Media.Contracts;

namespace Voice.Orchestration.Tests;

/// <summary>
/// The step activity for dispatcher tests: records every effect it is given (each attempt), runs the effects that
/// address other instances through the real Durable host, answers call-flow fetches with <see cref="CallFlow"/>, and
/// fails a step while <see cref="FailWhen"/> matches one of its effects.
/// </summary>
internal sealed class ScriptedStepRunner : ILifecycleStepRunner
{
    public ConcurrentQueue<(string InstanceId, LifecycleEffect Effect)> Effects { get; } = new();

    /// <summary>Every activity attempt: its instance and the effects it ran, chained steps included.</summary>
    public ConcurrentQueue<(string InstanceId, IReadOnlyList<LifecycleEffect> Effects)> Steps { get; } = new();

    public Func<LifecycleEffect, bool> FailWhen { get; set; } = _ => false;

    public string? CallFlow { get; set; }

    public int Attempts => attempts;

    private int attempts;

    public IEnumerable<T> Commands<T>(string callId)
        where T : MediaCommand =>
        Effects.Select(e => e.Effect).OfType<SendMediaCommand>().Select(s => s.Command).OfType<T>().Where(c => c.CallId == callId);

    public async Task<string> RunAsync(string requestJson, ILifecycleHost host, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref attempts);
        var request = LifecycleJson.Deserialize<LifecycleStepRequest>(requestJson);
        var ran = new List<LifecycleEffect>();
        try
        {
            var result = await LifecycleStepChain.RunAsync(
                request,
                effect =>
                {
                    ran.Add(effect);
                    return RunAsync(request.InstanceId, effect, host, cancellationToken);
                },
                TimeProvider.System);
            return LifecycleJson.Serialize(result);
        }
        finally
        {
            Steps.Enqueue((request.InstanceId, ran));
        }
    }

    private async Task<CallSignal?> RunAsync(string instanceId, LifecycleEffect effect, ILifecycleHost host, CancellationToken cancellationToken)
    {
        Effects.Enqueue((instanceId, effect));
        if (FailWhen(effect))
        {
            throw new InvalidOperationException($"scripted failure of {effect.Id}");
        }

        switch (effect)
        {
            case FetchCallFlow fetch:
                return new CallFlowFetched(fetch.RequestId, fetch.Attempt, CallFlow);
            case StartChildCall child:
                await host.StartCallAsync(child.Start, cancellationToken);
                break;
            case SignalCall signal:
                await host.SignalCallAsync(signal.CallId, signal.Signal, cancellationToken);
                break;
            case SignalConference signal:
                await host.SignalConferenceAsync(signal.AccountId, signal.ConferenceName, signal.Signal, cancellationToken);
                break;
        }

        return null;
    }
}
