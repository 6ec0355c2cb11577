using Microsoft.Extensions.Logging;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using Voice.Media.Contracts.Addressing;
using Voice.Storage;

namespace Voice.Engine.Lifecycles;

/// <summary>
/// Routes an event from the media-node to its lifecycle: a new inbound call to an owned number starts a call
/// lifecycle driven by the number's answer URL (an unknown number is rejected); every other event becomes a
/// signal to the call it names. Used by the Functions queue trigger and by DevHost's queue pump.
/// </summary>
public sealed class MediaEventRouter
{
    private readonly PhoneNumberRepository numbers;
    private readonly MediaCommandQueue media;
    private readonly TimeProvider clock;
    private readonly ILogger<MediaEventRouter> logger;

    public MediaEventRouter(PhoneNumberRepository numbers, MediaCommandQueue media, TimeProvider clock, ILogger<MediaEventRouter> logger)
    {
        this.numbers = numbers;
        this.media = media;
        this.clock = clock;
        this.logger = logger;
    }

    public async Task RouteAsync(MediaEvent mediaEvent, ILifecycleHost host, CancellationToken cancellationToken)
    {
        if (mediaEvent is not IncomingCallEvent incoming)
        {
            await host.SignalCallAsync(mediaEvent.CallId, new MediaEventReceived(mediaEvent), cancellationToken);
            return;
        }

        var number = E164Number.FromDialledAddress(incoming.To)?.Value;
        var route = number is null ? null : await numbers.FindRouteAsync(number, cancellationToken);
        if (route?.AnswerUrl is not { } answerUrl)
        {
            logger.LogInformation("inbound call {CallId} to {To}: no owned number with an answer URL; rejected", incoming.CallId, incoming.To);
            await media.SendAsync(
                new RejectCommand { Id = incoming.CallId + ":reject", CallId = incoming.CallId, IssuedAt = clock.GetUtcNow(), Reason = "unavailable" },
                cancellationToken);
            return;
        }

        await host.StartCallAsync(
            new StartInboundCall { Incoming = incoming with { To = number! }, AccountId = route.AccountId, AnswerUrl = answerUrl, StatusCallback = route.EventUrl },
            cancellationToken);
    }
}
