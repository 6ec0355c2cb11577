using Microsoft.Extensions.Logging;
using Voice.Core.Calls;
using Voice.Core.Lifecycles;
using Voice.Engine.Analytics;
using Voice.Engine.Queues;
using Voice.Engine.Webhooks;
using Voice.Events.Publishing;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Engine.Lifecycles;

/// <summary>
/// Runs one lifecycle effect (all but timers, which belong to the host's loop). Shared by both hosts: Durable
/// activities in Azure call it, and so does DevHost's runner. At-least-once: every effect is safe to repeat
/// (commands and events carry stable ids, saves are idempotent upserts, a queue departure happens once). Returns
/// the signal an effect answers with (a fetched call flow, a queue departure or entry, a queue position), for the host to
/// apply to the same instance.
/// </summary>
public sealed class LifecycleEffectRunner
{
    private readonly MediaCommandQueue media;
    private readonly NodeCallIndex nodeCalls;
    private readonly CallFlowFetcher fetcher;
    private readonly IVoiceEventPublisher events;
    private readonly CallRepository calls;
    private readonly ConferenceRepository conferences;
    private readonly RecordingRepository recordings;
    private readonly TranscriptRepository transcripts;
    private readonly QueueService queues;
    private readonly ConversationAnalytics analytics;
    private readonly TimeProvider clock;
    private readonly ILogger<LifecycleEffectRunner> logger;

    public LifecycleEffectRunner(
        MediaCommandQueue media,
        NodeCallIndex nodeCalls,
        CallFlowFetcher fetcher,
        IVoiceEventPublisher events,
        CallRepository calls,
        ConferenceRepository conferences,
        RecordingRepository recordings,
        TranscriptRepository transcripts,
        QueueService queues,
        ConversationAnalytics analytics,
        TimeProvider clock,
        ILogger<LifecycleEffectRunner> logger)
    {
        this.media = media;
        this.nodeCalls = nodeCalls;
        this.fetcher = fetcher;
        this.events = events;
        this.calls = calls;
        this.conferences = conferences;
        this.recordings = recordings;
        this.transcripts = transcripts;
        this.queues = queues;
        this.analytics = analytics;
        this.clock = clock;
        this.logger = logger;
    }

    public async Task<CallSignal?> RunAsync(LifecycleEffect effect, ILifecycleHost host, CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case SendMediaCommand send:
                await SendAsync(send, host, cancellationToken);
                return null;
            case FetchCallFlow fetch:
                return await fetcher.FetchAsync(fetch, cancellationToken);
            case PostStatusCallback callback:
                await events.PublishAsync([CallWebhookEvents.StatusCallback(callback, clock.GetUtcNow())], cancellationToken);
                return null;
            case PostWebhook webhook:
                await events.PublishAsync([CallWebhookEvents.ActionWebhook(webhook, clock.GetUtcNow())], cancellationToken);
                return null;
            case PublishEvent publish:
                await events.PublishAsync([publish.Event], cancellationToken);
                return null;
            case SaveCall save:
                await calls.Table.UpsertAsync(save.Call, cancellationToken);
                await IndexAsync(save.Call, cancellationToken);
                if (save.Call.Status.IsTerminal())
                {
                    await analytics.RecountAsync(save.Call.AccountId, save.Call.Id, cancellationToken);
                }

                return null;
            case SaveConference save:
                await conferences.Table.UpsertAsync(save.Conference, cancellationToken);
                return null;
            case SaveRecording save:
                await recordings.Table.UpsertAsync(save.Recording, cancellationToken);
                if (save.Recording.CallId is { } recordedCall)
                {
                    await analytics.RecountAsync(save.Recording.AccountId, recordedCall, cancellationToken);
                }

                return null;
            case SaveTranscriptSegment save:
                await transcripts.SaveAsync(save.Segment, cancellationToken);
                await analytics.RecountAsync(save.Segment.AccountId, save.Segment.CallId, cancellationToken);
                return null;
            case StartChildCall child:
                await calls.Table.UpsertAsync(child.Start.Call, cancellationToken);
                await host.StartCallAsync(child.Start, cancellationToken);
                return null;
            case SignalCall signal:
                await host.SignalCallAsync(signal.CallId, signal.Signal, cancellationToken);
                return null;
            case SignalConference signal:
                await host.SignalConferenceAsync(signal.AccountId, signal.ConferenceName, signal.Signal, cancellationToken);
                return null;
            case LeaveQueue leave:
                return await queues.RemoveAsync(leave.AccountId, leave.QueueName, leave.CallId, leave.Reason, cancellationToken);
            case EnterQueue enter:
                var entered = await queues.EnterAsync(enter.AccountId, enter.Enqueue.QueueName, enter.CallId, enter.Enqueue.MaxSize, cancellationToken);
                return entered is null
                    ? new QueueEntryRefused(enter.Enqueue.QueueName, enter.Enqueue.CommandId)
                    : new CommandRequested(entered.Fill(enter.Enqueue));
            case LookUpQueuePosition look:
                var queue = await queues.GetAsync(look.AccountId, look.QueueName, cancellationToken);
                return new QueuePosition(look.QueueName, queue?.PositionOf(look.CallId) ?? 0, queue?.AverageWaitSeconds(clock.GetUtcNow()) ?? 0);
            default:
                logger.LogWarning("effect {EffectType} is the host's to run, not the runner's", effect.GetType().Name);
                return null;
        }
    }

    // A node run that has gone has nobody to run the command: its call ends now (media_node_lost) instead of retrying.
    private async Task SendAsync(SendMediaCommand send, ILifecycleHost host, CancellationToken cancellationToken)
    {
        try
        {
            await media.SendAsync(send.Node, send.Command, cancellationToken);
        }
        catch (MediaNodeGoneException e)
        {
            logger.LogWarning("{Why}", e.Message);
            if (send.Node is { } node && SortableIds.IsWellFormed(send.Command.CallId, SortableIds.CallPrefix))
            {
                await host.SignalCallAsync(send.Command.CallId, new MediaNodeLost(node), cancellationToken);
            }
        }
    }

    // Keeps nodecalls in step with the call: a live call is listed under its node, an ended one is not.
    private async Task IndexAsync(CallRecord call, CancellationToken cancellationToken)
    {
        if (call.Node is not { } node)
        {
            return;
        }

        if (call.Status.IsTerminal())
        {
            await nodeCalls.RemoveAsync(node, call.Id, cancellationToken);
        }
        else
        {
            await nodeCalls.AddAsync(node, call.AccountId, call.Id, cancellationToken);
        }
    }
}
