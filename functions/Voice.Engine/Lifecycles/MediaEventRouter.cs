using Microsoft.Extensions.Logging;
using Voice.Core.Lifecycles;
using Voice.Engine.Accounts;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Engine.Lifecycles;

/// <summary>
/// Routes an event from the media-node to its lifecycle: a new inbound call starts a call lifecycle driven by the
/// webhooks of the application its number or SIP address routes to (<see cref="InboundRouteResolver"/>; an address
/// nobody routes is rejected, SIP 404 unless the operator configured otherwise, and logged); an event whose call id is a
/// conference's goes to that conference; every other event becomes a signal to the call it names. Used by the Functions queue trigger and by DevHost's queue pump.
/// </summary>
public sealed class MediaEventRouter
{
    private readonly InboundRouteResolver routes;
    private readonly ConferenceRepository conferences;
    private readonly MediaCommandQueue media;
    private readonly TimeProvider clock;
    private readonly ILogger<MediaEventRouter> logger;

    public MediaEventRouter(InboundRouteResolver routes, ConferenceRepository conferences, MediaCommandQueue media, TimeProvider clock, ILogger<MediaEventRouter> logger)
    {
        this.routes = routes;
        this.conferences = conferences;
        this.media = media;
        this.clock = clock;
        this.logger = logger;
    }

    public async Task RouteAsync(MediaEvent mediaEvent, ILifecycleHost host, CancellationToken cancellationToken)
    {
        if (SortableIds.IsWellFormed(mediaEvent.CallId, SortableIds.ConferencePrefix))
        {
            // A conference's own event (its mix recording): conferences are addressed by account and name.
            if (await conferences.FindAsync(mediaEvent.CallId, cancellationToken) is { FriendlyName: { } name } conference)
            {
                await host.SignalConferenceAsync(conference.AccountId, name, new ConferenceMediaEventReceived(mediaEvent), cancellationToken);
            }
            else
            {
                logger.LogWarning("media event {Type} for unknown conference {ConferenceId} dropped", mediaEvent.GetType().Name, mediaEvent.CallId);
            }

            return;
        }

        if (mediaEvent is not IncomingCallEvent incoming)
        {
            await host.SignalCallAsync(mediaEvent.CallId, new MediaEventReceived(mediaEvent), cancellationToken);
            return;
        }

        var route = await routes.ResolveAsync(incoming.RequestUri, incoming.To, cancellationToken);
        if (route.RejectReason is { } reason)
        {
            logger.LogWarning(
                "inbound call {CallId} from {From} to {To}: {Why}; rejected ({Reason})", incoming.CallId, incoming.From, incoming.To, route.Rejection, reason);
            try
            {
                await media.SendAsync(
                    Voice.Media.Contracts.Nodes.MediaNodeAddress.TryParse(incoming.Node),
                    new RejectCommand { Id = incoming.CallId + ":reject", CallId = incoming.CallId, IssuedAt = clock.GetUtcNow(), Reason = reason },
                    cancellationToken);
            }
            catch (MediaNodeGoneException e)
            {
                // The node that took the call has gone, and the call with it.
                logger.LogWarning("inbound call {CallId}: {Why}", incoming.CallId, e.Message);
            }
            return;
        }

        logger.LogInformation(
            "inbound call {CallId} to {Number}: account {AccountId}, application {ApplicationId}", incoming.CallId, route.Number, route.AccountId, route.ApplicationId ?? "(the number's own URLs)");
        await host.StartCallAsync(
            new StartInboundCall
            {
                Incoming = incoming with { To = route.Number! },
                AccountId = route.AccountId!,
                AnswerUrl = route.AnswerUrl ?? "",
                AnswerMethod = route.AnswerMethod,
                StatusCallback = route.EventUrl,
                StatusCallbackMethod = route.EventMethod,
                FallbackUrl = route.FallbackUrl,
                Behaviour = route.Behaviour,
                ApplicationId = route.ApplicationId,
                Dialect = route.Dialect,
                Reporting = route.Reporting,
            },
            cancellationToken);
    }
}
