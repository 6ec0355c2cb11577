using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Engine.Lifecycles;
using Voice.Engine.Queues;
using Voice.Storage;

namespace Voice.Engine.Calls;

/// <summary>
/// What the engine does for a command before the call sees it, where the call alone cannot decide: a bridge's other
/// call must be another live answered call of the account; a bridge with a queue takes the first call in line (which is
/// told it left, and is out of the queue whether or not the bridge then works, as Telnyx does); an enqueue enters the
/// call in the queue, so the command carries its position. Returns the command to send, or why it is refused.
/// </summary>
public sealed class CommandPreparation(CallRepository calls, QueueService queues, ILifecycleHost lifecycles)
{
    public async Task<(CallCommand? Command, CommandRefusal? Refusal)> PrepareAsync(CallRecord call, CallCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case BridgeCalls { QueueName: { } queue } bridge:
                if (await queues.TakeFirstAsync(call.AccountId, queue, cancellationToken) is not { } first)
                {
                    return (null, CommandRefusal.QueueEmpty);
                }

                await lifecycles.SignalCallAsync(first.CallId, first.Left, cancellationToken);
                return await CheckPartnerAsync(call, bridge with { OtherCallId = first.CallId }, cancellationToken);
            case BridgeCalls bridge:
                return await CheckPartnerAsync(call, bridge, cancellationToken);
            case EnqueueCall enqueue:
                if (await queues.EnterAsync(call.AccountId, enqueue.QueueName, call.Id, enqueue.MaxSize, cancellationToken) is not { } entered)
                {
                    return (null, CommandRefusal.QueueFull);
                }

                return (entered.Fill(enqueue), null);
            default:
                return (command, null);
        }
    }

    private async Task<(CallCommand?, CommandRefusal?)> CheckPartnerAsync(CallRecord call, BridgeCalls bridge, CancellationToken cancellationToken)
    {
        var other = await calls.FindAsync(call.AccountId, bridge.OtherCallId, cancellationToken);
        return CallCommandRules.CheckBridgePartner(call, other) is { } refusal ? (null, refusal) : (bridge, null);
    }
}
