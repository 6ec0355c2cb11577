namespace Voice.Orchestration;

/// <summary>
/// The names under which both hosts register the lifecycle functions: the Functions app as <c>[Function]</c>s,
/// DevHost's Durable Task worker as orchestrations and activities. A rename changes replay, so these never change.
/// </summary>
public static class LifecycleFunctionNames
{
    public const string CallOrchestrator = "CallOrchestrator";

    public const string ConferenceOrchestrator = "ConferenceOrchestrator";

    /// <summary>The activity that runs one step's effects, in order.</summary>
    public const string RunLifecycleStep = "RunLifecycleStep";

    /// <summary>The external event that carries a <see cref="LifecycleMessage{TSignal,TStart}"/>.</summary>
    public const string SignalEvent = "signal";
}
