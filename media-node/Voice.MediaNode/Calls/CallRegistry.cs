using System.Collections.Concurrent;
using Voice.Media.Contracts;
using Voice.MediaNode.Commands;
using Voice.MediaNode.Events;

namespace Voice.MediaNode.Calls;

/// <summary>
/// The calls live on this node, and the router of commands to them. A command for a call the node does not
/// hold is answered with an <c>error</c> event (<c>call_not_found</c>). When the host stops, every call is ended
/// with cause <c>shutdown</c> before the process exits.
/// </summary>
public sealed class CallRegistry(MediaEventPublisher events, ILogger<CallRegistry> logger) : IMediaCommandHandler, IHostedService
{
    /// <summary>Error code for a command addressed to a call this node does not hold.</summary>
    public const string CallNotFound = "call_not_found";

    /// <summary>Error code for a dial whose call id is already in use.</summary>
    public const string CallExists = "call_exists";

    /// <summary>Error code for a command this node cannot execute.</summary>
    public const string NotSupported = "not_supported";

    /// <summary>Error code for a dial refused because every RTP port pair is in use.</summary>
    public const string NoCapacity = "no_capacity";

    /// <summary>Hangup cause used when the node shuts down.</summary>
    public const string ShutdownCause = "shutdown";

    private readonly ConcurrentDictionary<string, ICallLeg> calls = new(StringComparer.Ordinal);

    /// <summary>Creates the leg for a dial command; null until a SIP dialog layer is wired in.</summary>
    public Func<DialCommand, ICallLeg>? Dialer { get; set; }

    /// <summary>Takes the commands addressed to a conference (its mix recording); null until the SIP layer wires it in.</summary>
    public IMediaCommandHandler? Conferences { get; set; }

    public int ActiveCalls => calls.Count;

    /// <summary>The node's drain and capacity gate for new calls; null admits every call (the RTP ports still bound them).</summary>
    public Nodes.NodeIdentity? Node { get; set; }

    /// <summary>Adds a call (an accepted inbound INVITE or a dial); false when the id is taken.</summary>
    public bool TryAdd(ICallLeg call) => calls.TryAdd(call.CallId, call);

    /// <summary>The live call <paramref name="callId"/>, or null.</summary>
    public ICallLeg? Find(string callId) => calls.GetValueOrDefault(callId);

    /// <summary>Removes a call that has ended and emitted its last event.</summary>
    public void Remove(string callId)
    {
        calls.TryRemove(callId, out _);
        events.Forget(callId);
    }

    public async Task HandleAsync(MediaCommand command, CancellationToken cancellationToken)
    {
        if (command is DialCommand dial)
        {
            await DialAsync(dial, cancellationToken);
            return;
        }

        if (Conferences is { } conferences && SortableIds.IsWellFormed(command.CallId, SortableIds.ConferencePrefix))
        {
            await conferences.HandleAsync(command, cancellationToken);
            return;
        }

        if (!calls.TryGetValue(command.CallId, out var call))
        {
            await events.PublishErrorAsync(command.CallId, command.Id, CallNotFound, $"no call {command.CallId} on this node", cancellationToken);
            return;
        }

        await call.HandleAsync(command, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Ends every call with cause <c>shutdown</c> (in parallel), within the host's shutdown timeout.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => EndAllAsync(ShutdownCause, cancellationToken);

    /// <summary>Ends every live call with <paramref name="cause"/>, in parallel.</summary>
    public async Task EndAllAsync(string cause, CancellationToken cancellationToken)
    {
        var live = calls.Values.ToArray();
        if (live.Length == 0)
        {
            return;
        }

        logger.LogInformation("Ending {Count} calls ({Cause})", live.Length, cause);
        await Task.WhenAll(live.Select(async call =>
        {
            try
            {
                await call.EndAsync(cause, cancellationToken);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Call {CallId} did not end cleanly", call.CallId);
            }
        }));
    }

    private async Task DialAsync(DialCommand dial, CancellationToken cancellationToken)
    {
        if (calls.ContainsKey(dial.CallId))
        {
            await events.PublishErrorAsync(dial.CallId, dial.Id, CallExists, $"call {dial.CallId} already exists", cancellationToken);
            return;
        }

        if (Dialer is null)
        {
            await events.PublishErrorAsync(dial.CallId, dial.Id, NotSupported, "this node cannot place calls: no SIP dialog layer", cancellationToken);
            return;
        }

        if (Node?.Refusal(calls.Count) is { } refusal)
        {
            await events.PublishErrorAsync(dial.CallId, dial.Id, NoCapacity, refusal, cancellationToken);
            return;
        }

        ICallLeg call;
        try
        {
            call = Dialer(dial);
        }
        catch (InvalidOperationException e)
        {
            // The RTP port range is used up: refuse this call, keep the command from coming back as poison.
            await events.PublishErrorAsync(dial.CallId, dial.Id, NoCapacity, e.Message, cancellationToken);
            return;
        }

        if (!calls.TryAdd(dial.CallId, call))
        {
            await events.PublishErrorAsync(dial.CallId, dial.Id, CallExists, $"call {dial.CallId} already exists", cancellationToken);
            return;
        }

        await call.HandleAsync(dial, cancellationToken);
    }
}
