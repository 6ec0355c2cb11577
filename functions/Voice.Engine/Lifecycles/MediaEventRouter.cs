using Microsoft.Extensions.Logging;
using Voice.Core.Addressing;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
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

        var number = DialledNumber(incoming.To);
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

    /// <summary>The E.164 number in a To value: "+1555…", or the user part of "sip:+1555…@host".</summary>
    public static string? DialledNumber(string to)
    {
        var value = to.Trim();
        if (value.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            var start = value.IndexOf(':') + 1;
            var at = value.IndexOf('@', start);
            value = at > start ? value[start..at] : value[start..];
            var semicolon = value.IndexOf(';');
            value = semicolon >= 0 ? value[..semicolon] : value;
        }

        if (!value.StartsWith('+') && value.Length is >= 7 and <= 15 && value.All(char.IsAsciiDigit))
        {
            value = "+" + value;
        }

        return PhoneAddress.IsE164(value) ? value : null;
    }
}
