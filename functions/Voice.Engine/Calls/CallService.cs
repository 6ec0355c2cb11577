using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;
using Voice.Engine.Nodes;
using Voice.Media.Contracts;
using Voice.Media.Contracts.Nodes;
using Voice.Storage;

namespace Voice.Engine.Calls;

/// <summary>
/// The engine's call operations, shared by every API dialect: place, read, list and end calls.
/// Persist first, then start or signal the call's lifecycle: a crash in between leaves a stored call, never a lost one.
/// </summary>
public sealed class CallService
{
    private readonly CallRepository calls;
    private readonly PhoneNumberRepository numbers;
    private readonly ILifecycleHost lifecycles;
    private readonly TimeProvider clock;
    private readonly ILogger<CallService> logger;
    private readonly CallCommandLog commandLog;
    private readonly CommandPreparation preparation;
    private readonly MediaNodePlacement placement;
    private readonly TimeSpan retryAfter;

    public CallService(
        CallRepository calls,
        PhoneNumberRepository numbers,
        CallCommandLog commandLog,
        CommandPreparation preparation,
        MediaNodePlacement placement,
        IOptions<MediaNodeFleetOptions> fleet,
        ILifecycleHost lifecycles,
        TimeProvider clock,
        ILogger<CallService> logger)
    {
        this.placement = placement;
        retryAfter = fleet.Value.RetryAfter;
        this.calls = calls;
        this.commandLog = commandLog;
        this.preparation = preparation;
        this.numbers = numbers;
        this.lifecycles = lifecycles;
        this.clock = clock;
        this.logger = logger;
    }

    public async Task<PlaceCallResult> PlaceOutboundAsync(string accountId, PlaceCallRequest request, CancellationToken cancellationToken)
    {
        if (!await numbers.IsOwnedAsync(accountId, request.From, cancellationToken))
        {
            return PlaceCallResult.Refused(PlaceCallRefusal.FromNotOwned);
        }

        var now = clock.GetUtcNow();
        var id = SortableIds.New(SortableIds.CallPrefix, now);
        if (request.CommandId is { } commandId
            && await commandLog.TryRecordAsync(DialScope(accountId), commandId, id, cancellationToken) is { Length: > 0 } firstCallId)
        {
            if (await GetAsync(accountId, firstCallId, cancellationToken) is { } first)
            {
                // A retry of a dial that was placed: the same call again, nothing dialled twice.
                return PlaceCallResult.Placed(first);
            }

            // The first request failed before it stored its call: this one places it, under the id the retries expect.
            id = firstCallId;
        }

        // Chosen before anything is stored, so a refusal leaves nothing half-created.
        if (await NodeForAsync(accountId, request, cancellationToken) is not { } node)
        {
            logger.LogWarning("no media node has room for a call {From} -> {To}; answering 503", request.From, request.To);
            return PlaceCallResult.NoMediaNode(retryAfter);
        }

        var call = new CallRecord
        {
            Id = id,
            AccountId = accountId,
            Status = CallStatus.Queued,
            Direction = CallDirection.Outbound,
            From = request.From,
            To = request.To,
            Url = request.Url,
            StatusCallback = request.StatusCallback,
            StatusCallbackMethod = request.StatusCallbackMethod,
            TimeoutSeconds = request.TimeoutSeconds,
            Record = request.Record,
            CreatedAt = now,
            ApplicationId = request.ApplicationId,
            Dialect = request.Dialect,
            Reporting = request.Reporting,
            ClientState = request.ClientState,
            ParentCallId = request.LinkedCallId,
            Node = node,
        };
        await calls.Table.InsertAsync(call, cancellationToken);
        var start = new StartOutboundCall
        {
            Call = call,
            LengthLimitSeconds = request.TimeLimitSeconds,
            AnswerCommands = [.. request.AnswerCommands, .. request.AnswerCommandsFor?.Invoke(call) ?? []],
            DialHeaders = request.DialHeaders,
            CallFlow = request.CallFlow,
            AnswerMethod = request.AnswerMethod,
            FallbackUrl = request.FallbackUrl,
        };
        await lifecycles.StartCallAsync(start, cancellationToken);
        logger.LogInformation("call {CallId} queued: {From} -> {To}", call.Id, call.From, call.To);
        return PlaceCallResult.Placed(call);
    }

    // A call linked to another (Telnyx link_to, bridged on answer) goes beside it: media is not relayed between nodes.
    private async Task<MediaNodeAddress?> NodeForAsync(string accountId, PlaceCallRequest request, CancellationToken cancellationToken)
    {
        if (request.LinkedCallId is { } linkedId
            && await calls.FindAsync(accountId, linkedId, cancellationToken) is { Node: { } linkedNode }
            && await placement.IsLiveAsync(linkedNode, cancellationToken))
        {
            return linkedNode;
        }

        return await placement.PlaceAsync(cancellationToken);
    }

    /// <summary>
    /// Sends a live-call command: refused at once (null = accepted) when the stored call cannot take it; a repeat of
    /// an accepted command id is accepted again and applied once. The lifecycle re-checks against its own state.
    /// </summary>
    public async Task<CommandRefusal?> SendCommandAsync(string accountId, string callId, CallCommand command, CancellationToken cancellationToken)
    {
        if (await GetAsync(accountId, callId, cancellationToken) is not { } call)
        {
            return CommandRefusal.CallNotFound;
        }

        if (await commandLog.TryRecordAsync(callId, command.CommandId, "accepted", cancellationToken) is not null)
        {
            return null;
        }

        var refusal = CallCommandRules.Check(call, command);
        CallCommand? prepared = null;
        if (refusal is null)
        {
            (prepared, refusal) = await preparation.PrepareAsync(call, command, cancellationToken);
        }

        if (prepared is null)
        {
            // Not accepted: a retry after the state changed is judged afresh.
            await commandLog.ForgetAsync(callId, command.CommandId, cancellationToken);
            return refusal ?? CommandRefusal.CallEnded;
        }

        await lifecycles.SignalCallAsync(callId, new CommandRequested(prepared), cancellationToken);
        logger.LogInformation("call {CallId}: {Command} {CommandId}", callId, command.GetType().Name, command.CommandId);
        return null;
    }

    /// <summary>The call, or null when the account has no such call.</summary>
    public Task<CallRecord?> GetAsync(string accountId, string callId, CancellationToken cancellationToken) =>
        calls.FindAsync(accountId, callId, cancellationToken);

    public Task<Page<CallRecord>> ListAsync(
        string accountId, CallStatus? status, CallDirection? direction, int page, int pageSize, CancellationToken cancellationToken) =>
        calls.ListAsync(accountId, status, direction, page, pageSize, cancellationToken);

    private static string DialScope(string accountId) => "dial:" + accountId;

    /// <summary>
    /// Records a request to end the call and signals its lifecycle (which hangs up or cancels). Idempotent: repeating it, or ending a call that
    /// has already ended, changes nothing. Returns false when the account has no such call.
    /// </summary>
    public async Task<bool> RequestEndAsync(string accountId, string callId, CancellationToken cancellationToken)
    {
        if (!SortableIds.IsWellFormed(callId, SortableIds.CallPrefix))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var requested = false;
        var call = await calls.Table.MutateAsync(
            accountId,
            callId,
            c =>
            {
                if (c.Status.IsTerminal() || c.EndRequestedAt is not null)
                {
                    return null;
                }

                requested = true;
                return c with { EndRequestedAt = now };
            },
            cancellationToken);
        if (call is null)
        {
            return false;
        }

        if (requested)
        {
            await lifecycles.SignalCallAsync(callId, new EndRequested(), cancellationToken);
            logger.LogInformation("call {CallId}: end requested", callId);
        }

        return true;
    }
}
