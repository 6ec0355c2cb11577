using Microsoft.Extensions.Logging;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Conferences;
using Voice.Core.Lifecycles;
using Voice.Engine.Calls;
using Voice.Engine.Lifecycles;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Engine.Conferences;

/// <summary>
/// The engine's conference operations, shared by every API dialect. Conferences are lifecycles keyed by (account,
/// name); a call joins or leaves one by a live-call command on the call (so its own lifecycle knows which conference it
/// is in and leaves it when it hangs up); what concerns the participants (mute, hold, speech) is a signal to the
/// conference, which carries the conference id so that it never reaches a later conference under the same name. The
/// stored record (status, members) is a moment behind the lifecycle: checks against it answer the API at once, and the
/// lifecycle has the last word.
/// </summary>
public sealed class ConferenceService
{
    private readonly ConferenceRepository conferences;
    private readonly CallService calls;
    private readonly CallCommandLog commandLog;
    private readonly ILifecycleHost lifecycles;
    private readonly TimeProvider clock;
    private readonly ILogger<ConferenceService> logger;

    public ConferenceService(
        ConferenceRepository conferences,
        CallService calls,
        CallCommandLog commandLog,
        ILifecycleHost lifecycles,
        TimeProvider clock,
        ILogger<ConferenceService> logger)
    {
        this.conferences = conferences;
        this.calls = calls;
        this.commandLog = commandLog;
        this.lifecycles = lifecycles;
        this.clock = clock;
        this.logger = logger;
    }

    public async Task<ConferenceRecord> CreateAsync(
        string accountId, string? friendlyName, int maxParticipants, bool record, CancellationToken cancellationToken)
    {
        var conference = NewConference.Create(accountId, friendlyName, clock.GetUtcNow(), maxParticipants, record);
        await conferences.Table.InsertAsync(conference, cancellationToken);
        return conference;
    }

    public Task<Page<ConferenceRecord>> ListAsync(string accountId, int page, int pageSize, CancellationToken cancellationToken) =>
        conferences.Table.ListAsync(accountId, new Dictionary<string, string>(), page, pageSize, cancellationToken);

    /// <summary>A page of the account's conferences that match <paramref name="filter"/>, newest first.</summary>
    public Task<Page<ConferenceRecord>> ListAsync(string accountId, ConferenceFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var equals = new Dictionary<string, string> { ["Dialect"] = filter.Dialect.ToString() };
        if (filter.Name is { } name)
        {
            equals["FriendlyName"] = name;
        }

        if (filter.Status is { } status)
        {
            equals["Status"] = status.ToString();
        }

        return conferences.Table.ListAsync(accountId, equals, page, pageSize, cancellationToken);
    }

    /// <summary>The conference, or null when the account has none with this id.</summary>
    public async Task<ConferenceRecord?> GetAsync(string accountId, string conferenceId, CancellationToken cancellationToken) =>
        SortableIds.IsWellFormed(conferenceId, SortableIds.ConferencePrefix)
            ? (await conferences.Table.GetAsync(accountId, conferenceId, cancellationToken))?.Value
            : null;

    /// <summary>
    /// Creates a conference for a live, answered call and joins the call to it: the record is stored, the conference's
    /// lifecycle opened with it, then the call told to join. Its events go to the call's webhook URL in
    /// <see cref="CallConferenceRequest.Dialect"/>'s format. A repeat of the same command id returns the first conference.
    /// </summary>
    public async Task<(ConferenceRecord? Conference, ConferenceRefusal? Refusal)> CreateForCallAsync(
        string accountId, CallConferenceRequest request, ConferenceJoinOptions join, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = SortableIds.New(SortableIds.ConferencePrefix, now);
        if (request.CommandId is { } commandId
            && await commandLog.TryRecordAsync(CreateScope(accountId), commandId, id, cancellationToken) is { Length: > 0 } firstId)
        {
            if (await GetAsync(accountId, firstId, cancellationToken) is { } first)
            {
                return (first, null);
            }

            // The first request failed before it stored its conference: this one creates it, under the id retries expect.
            id = firstId;
        }

        var refusal = await CheckCallAsync(accountId, request.CallId, cancellationToken);
        if (refusal is null && await LiveConferenceNamedAsync(accountId, request.Name, cancellationToken) is not null)
        {
            refusal = ConferenceRefusal.NameInUse;
        }

        var call = refusal is null ? await calls.GetAsync(accountId, request.CallId, cancellationToken) : null;
        if (refusal is not null || call is null)
        {
            if (request.CommandId is { } rejected)
            {
                await commandLog.ForgetAsync(CreateScope(accountId), rejected, cancellationToken);
            }

            return (null, refusal ?? ConferenceRefusal.CallNotFound);
        }

        var conference = NewConference.Create(accountId, request.Name, now, request.MaxParticipants) with
        {
            Id = id,
            Dialect = request.Dialect,
            WebhookUrl = call.Reporting == CallReporting.EveryEvent ? call.StatusCallback : null,
            ApplicationId = call.ApplicationId,
            ClientState = request.ClientState,
            CreatorCallId = call.Id,
            ExpiresAt = now + request.Duration,
            HoldAudioUrl = request.HoldAudioUrl,
            UpdatedAt = now,
        };
        await conferences.Table.UpsertAsync(conference, cancellationToken);
        await lifecycles.SignalConferenceAsync(accountId, request.Name, new OpenConference(new ConferenceStart(conference, request.Name)), cancellationToken);
        var joinRefusal = await SendJoinAsync(accountId, call.Id, request.Name, join with { StartOnEnter = request.StartOnCreate }, request.CommandId, request.ClientState, cancellationToken);
        logger.LogInformation("conference {ConferenceId} '{Name}' created for call {CallId}", conference.Id, request.Name, call.Id);
        return joinRefusal is null ? (conference, null) : (null, joinRefusal);
    }

    /// <summary>Joins a live, answered call to a conference that has not ended.</summary>
    public async Task<ConferenceRefusal?> JoinAsync(
        ConferenceRecord conference, string callId, ConferenceJoinOptions join, string commandId, string? clientState, CancellationToken cancellationToken)
    {
        if (conference.Status == ConferenceStatus.Completed || conference.FriendlyName is not { } name)
        {
            return ConferenceRefusal.ConferenceEnded;
        }

        if (conference.ParticipantCount >= conference.MaxParticipants && !IsMember(conference, callId))
        {
            return ConferenceRefusal.Full;
        }

        return await CheckCallAsync(conference.AccountId, callId, cancellationToken)
            ?? await SendJoinAsync(conference.AccountId, callId, name, join, commandId, clientState, cancellationToken);
    }

    /// <summary>Takes a participant out of the conference; its call stays up.</summary>
    public async Task<ConferenceRefusal?> LeaveAsync(ConferenceRecord conference, string callId, string commandId, CancellationToken cancellationToken)
    {
        if (conference.Status == ConferenceStatus.Completed)
        {
            return ConferenceRefusal.ConferenceEnded;
        }

        if (!IsMember(conference, callId))
        {
            return ConferenceRefusal.NotAParticipant;
        }

        return Refusal(await calls.SendCommandAsync(conference.AccountId, callId, new LeaveConferenceCall { CommandId = commandId }, cancellationToken));
    }

    /// <summary>
    /// Sends a signal about participants (<see cref="ConferenceParticipantsSignal"/>) or the end to a conference that has
    /// not ended; every call named must be one of its participants.
    /// </summary>
    public async Task<ConferenceRefusal?> SignalAsync(ConferenceRecord conference, ConferenceSignal signal, CancellationToken cancellationToken)
    {
        if (conference.Status == ConferenceStatus.Completed || conference.FriendlyName is not { } name)
        {
            return ConferenceRefusal.ConferenceEnded;
        }

        if (signal is ConferenceParticipantsSignal participants && participants.CallIds.Any(c => !IsMember(conference, c)))
        {
            return ConferenceRefusal.NotAParticipant;
        }

        await lifecycles.SignalConferenceAsync(conference.AccountId, name, signal, cancellationToken);
        logger.LogInformation("conference {ConferenceId}: {Signal}", conference.Id, signal.GetType().Name);
        return null;
    }

    /// <summary>Sends a live-call command to a participant's call (e.g. a gather while it is in the conference).</summary>
    public async Task<ConferenceRefusal?> SendToParticipantAsync(ConferenceRecord conference, string callId, CallCommand command, CancellationToken cancellationToken) =>
        CheckParticipant(conference, callId) ?? Refusal(await calls.SendCommandAsync(conference.AccountId, callId, command, cancellationToken));

    /// <summary>Why <paramref name="callId"/> cannot be acted on as a participant of the conference, or null.</summary>
    public static ConferenceRefusal? CheckParticipant(ConferenceRecord conference, string callId) =>
        conference.Status == ConferenceStatus.Completed ? ConferenceRefusal.ConferenceEnded
        : IsMember(conference, callId) ? null
        : ConferenceRefusal.NotAParticipant;

    /// <summary>A participant that has not left, as the record last saw it.</summary>
    public static bool IsMember(ConferenceRecord conference, string callId) =>
        conference.Participants.Any(m => m.CallId == callId && m.Status == ConferenceMemberStatus.Joined);

    private async Task<ConferenceRefusal?> SendJoinAsync(
        string accountId, string callId, string name, ConferenceJoinOptions join, string? commandId, string? clientState, CancellationToken cancellationToken)
    {
        var command = new JoinConferenceCall
        {
            CommandId = commandId ?? "conference:" + Guid.NewGuid().ToString("N"),
            ClientState = clientState,
            ConferenceName = name,
            StartOnEnter = join.StartOnEnter,
            EndOnExit = join.EndOnExit,
            EndOnExitHangsUp = join.EndOnExitHangsUp,
            Muted = join.Muted,
            Hold = join.Hold,
        };
        return Refusal(await calls.SendCommandAsync(accountId, callId, command, cancellationToken));
    }

    private async Task<ConferenceRefusal?> CheckCallAsync(string accountId, string callId, CancellationToken cancellationToken)
    {
        if (await calls.GetAsync(accountId, callId, cancellationToken) is not { } call)
        {
            return ConferenceRefusal.CallNotFound;
        }

        return Refusal(CallCommandRules.Check(call, new JoinConferenceCall { CommandId = "check", ConferenceName = "check" }));
    }

    private async Task<ConferenceRecord?> LiveConferenceNamedAsync(string accountId, string name, CancellationToken cancellationToken)
    {
        var named = await conferences.Table.ListAsync(accountId, new Dictionary<string, string> { ["FriendlyName"] = name }, 1, 1000, cancellationToken);
        // Telefon's POST /conferences stores a record that no lifecycle runs (calls open their own by name), so an init
        // record of Telefon's holds no name; one an API opened for a call (CreatorCallId) does.
        return named.Items.FirstOrDefault(c => c.Status == ConferenceStatus.InProgress || (c.Status == ConferenceStatus.Init && c.CreatorCallId is not null));
    }

    private static ConferenceRefusal? Refusal(CommandRefusal? refusal) => refusal switch
    {
        null => null,
        CommandRefusal.CallNotFound => ConferenceRefusal.CallNotFound,
        CommandRefusal.CallEnded => ConferenceRefusal.CallEnded,
        _ => ConferenceRefusal.CallNotAnswered,
    };

    private static string CreateScope(string accountId) => "conference:" + accountId;
}
