using System.Net;
using Microsoft.Extensions.Options;
using Voice.Media.Clock;
using Voice.Media.Rtp;
using Voice.Media.Tts;
using Voice.MediaNode.Configuration;
using Voice.MediaNode.Events;
using Voice.MediaNode.Prompts;
using Voice.MediaNode.Speech;
using Voice.MediaNode.Storage;
using Voice.OutboundHttp;
using Voice.Sip.Transport;
using Voice.Sip.UserAgent;

namespace Voice.MediaNode.Calls;

/// <summary>
/// Starts the SIP user agent on <c>MediaNode__Sip__ListenAddress</c>, the media clock and the RTP port range;
/// lets the registry place calls, and turns every inbound INVITE into a call leg that rings (180) and reports
/// incoming_call; an INVITE arriving while every RTP port pair is in use gets 503 without ringing. Stops after the
/// registry ended the calls.
/// </summary>
public sealed class SipNode(
    IOptions<MediaNodeOptions> options,
    CallRegistry registry,
    MediaEventPublisher events,
    TimeProvider time,
    VoiceStorageClients storage,
    PromptFetcher prompts,
    GuardedWebSockets streamConnections,
    EspeakTts tts,
    VadModelSource vad,
    SpeechRecognizers speech,
    ILogger<SipNode> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private SipUserAgent? agent;
    private MediaClock? clock;
    private RtpReceivePoller? receiver;
    private Task? accepting;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var listen = IPEndPoint.Parse(settings.Sip.ListenAddress);
        var (advertisedHost, advertisedPort) = Advertised(settings.Sip.AdvertisedAddress, listen);
        agent = SipUserAgent.Start(new SipUserAgentOptions
        {
            Transport = new SipTransportOptions { ListenEndPoint = listen, AdvertisedHost = advertisedHost, AdvertisedPort = advertisedPort },
            Product = "Voice.MediaNode",
            SessionTimers = new SipSessionTimerSettings { IntervalSeconds = settings.Sip.SessionExpiresSeconds },
            Time = time,

            // The leg rings once it holds an RTP port pair; without one the INVITE gets 503 instead.
            AutoRing = false,
        });
        // Send phases spread the packet bursts and one clock thread leaves a core for receiving (see ClockOptions).
        clock = new MediaClock(threads: settings.Clock.Threads, spinMicroseconds: settings.Clock.SpinMicroseconds, phases: settings.Clock.Phases);
        clock.Start();
        receiver = RtpReceivePoller.IsSupported ? new RtpReceivePoller(settings.Rtp.ReceiveThreads) : null;
        var ports = new RtpPortAllocator(settings.Rtp.PortMin, settings.Rtp.PortMax, listen.Address, receiver);
        var services = new CallLegServices(agent, clock, new MixerRooms(clock), ports, advertisedHost ?? listen.Address.ToString(), settings, events, registry,
            tts, vad, new SpeechListenerFactory(speech, vad), prompts, streamConnections, time, storage.Recordings, logger);
        registry.Dialer = dial => CallLeg.ForDial(services, dial);
        registry.Conferences = new ConferenceRecordings(services);
        accepting = AcceptAsync(services, stopping.Token);
        logger.LogInformation("SIP listening on {Endpoint}, RTP {Min}-{Max}", listen, settings.Rtp.PortMin, settings.Rtp.PortMax);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (accepting is not null)
        {
            await accepting;
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (agent is not null)
        {
            await agent.DisposeAsync();
            agent = null;
        }

        clock?.Dispose();
        clock = null;
        receiver?.Dispose();
        receiver = null;
    }

    private async Task AcceptAsync(CallLegServices services, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var call in services.Sip.IncomingCalls.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await CallLeg.AcceptAsync(services, call, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Inbound call {SipCallId} could not be taken", call.CallId);
                    await call.RejectAsync(500);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static (string? Host, int? Port) Advertised(string? advertised, IPEndPoint listen)
    {
        if (string.IsNullOrWhiteSpace(advertised))
        {
            return (listen.Address.Equals(IPAddress.Any) ? null : listen.Address.ToString(), null);
        }

        var colon = advertised.LastIndexOf(':');
        return colon > 0 && int.TryParse(advertised.AsSpan(colon + 1), out var port) ? (advertised[..colon], port) : (advertised, null);
    }
}
