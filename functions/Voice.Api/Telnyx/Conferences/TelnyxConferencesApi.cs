using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Core.Conferences;
using Voice.Engine.Conferences;
using Voice.Media.Contracts;

namespace Voice.Api.Telnyx;

/// <summary>
/// Telnyx conferences (<c>/v2/conferences</c>) on the engine's one conference model: create one for a live call (which
/// joins first), list, retrieve, list participants, and the actions of <see cref="TelnyxConferenceActions"/>. The
/// conference reports to the creating call's webhook URL in Telnyx's envelope. Actions answer
/// <c>{"data":{"result":"ok"}}</c> at once; what they do is reported by webhooks. Only conferences created through
/// /v2 are Telnyx conferences (another dialect's are 404 here, as another account's are).
/// </summary>
public static class TelnyxConferencesApi
{
    public const string Route = TelnyxApiRegistration.Prefix + "/conferences";

    /// <summary>The route of every conference action.</summary>
    public const string ActionRoute = Route + "/{conferenceId}/actions/{action}";

    private static readonly string[] BeepValues = ["always", "never", "on_enter", "on_exit"];

    public static IEndpointRouteBuilder MapTelnyxConferencesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, (Func<HttpContext, Task<IResult>>)Create);
        app.MapGet(Route, (Func<HttpContext, Task<IResult>>)List);
        app.MapGet(Route + "/{conferenceId}", (Func<HttpContext, string, Task<IResult>>)Retrieve);
        app.MapGet(Route + "/{conferenceId}/participants", (Func<HttpContext, string, Task<IResult>>)ListParticipants);
        app.MapGet(TelnyxParticipantsApi.Route, (Func<HttpContext, string, string, Task<IResult>>)TelnyxParticipantsApi.Retrieve);
        app.MapPatch(TelnyxParticipantsApi.Route, (Func<HttpContext, string, string, Task<IResult>>)TelnyxParticipantsApi.Update);
        // One route for every action (one Functions trigger too); an action not built is answered as the catch-all would.
        app.MapPost(ActionRoute, (Func<HttpContext, string, string, Task<IResult>>)RunAction);

        return app;
    }

    public static Task<IResult> Create(HttpContext http) => TelnyxPipeline.RunWithBodyAsync(http, ApiScopes.CallsWrite, async (caller, body) =>
    {
        var fields = new BodyFields(body, TelnyxResults.FieldErrors);
        var callId = TelnyxConferenceFields.CallId(fields, "call_control_id");
        var name = fields.Text("name", required: true, maxLength: 255);
        var clientState = TelnyxCommandFields.ClientState(fields);
        var commandId = fields.Text("command_id", maxLength: 256);
        fields.OneOf("beep_enabled", BeepValues);
        fields.Flag("comfort_noise");
        var duration = fields.WholeNumber("duration_minutes", 1, 24 * 60);
        var holdAudioUrl = TelnyxMediaFields.AudioUrl(fields, required: false, "hold_audio_url", "hold_media_name");
        var maxParticipants = fields.WholeNumber("max_participants", 2, 250) ?? 250;
        var startOnCreate = fields.Flag("start_conference_on_create") ?? true;
        if (fields.Error is { } error)
        {
            return error;
        }

        var request = new CallConferenceRequest
        {
            CallId = callId!,
            Name = name!,
            Dialect = ApplicationDialect.Telnyx,
            CommandId = commandId,
            ClientState = clientState,
            MaxParticipants = maxParticipants,
            Duration = duration is { } minutes ? TimeSpan.FromMinutes(minutes) : TelnyxConference.DefaultDuration,
            HoldAudioUrl = holdAudioUrl,
            StartOnCreate = startOnCreate,
        };
        var (conference, refusal) = await Service(http).CreateForCallAsync(caller.AccountId, request, new ConferenceJoinOptions(), http.RequestAborted);
        return conference is null ? TelnyxConferenceErrors.For(refusal!.Value, "/call_control_id") : TelnyxResults.Data(TelnyxConference.Of(conference));
    });

    public static Task<IResult> List(HttpContext http) => TelnyxPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
    {
        var (query, error) = TelnyxListQuery.Read(http.Request.Query, []);
        if (query is null)
        {
            return error!;
        }

        ConferenceStatus? status = null;
        if (query.Filter("status") is { } statusName && (status = TelnyxConference.ParseStatus(statusName)) is null)
        {
            return TelnyxResults.InvalidQuery("filter[status]", "'filter[status]' must be one of init, in_progress, completed");
        }

        var filter = new ConferenceFilter(ApplicationDialect.Telnyx, query.Filter("name"), status);
        var page = await Service(http).ListAsync(caller.AccountId, filter, query.Page.Number, query.Page.Size, http.RequestAborted);
        return TelnyxResults.List(new TelnyxList<TelnyxConference>(
            [.. page.Items.Select(TelnyxConference.Of)], TelnyxPageMeta.For(query.Page, page.Total)));
    });

    public static Task<IResult> Retrieve(HttpContext http, string conferenceId) => TelnyxPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
        await FindAsync(http, caller.AccountId, conferenceId) is { } conference
            ? TelnyxResults.Data(TelnyxConference.Of(conference))
            : TelnyxResults.NotFound("conference " + conferenceId));

    public static Task<IResult> ListParticipants(HttpContext http, string conferenceId) => TelnyxPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
    {
        var (query, error) = TelnyxListQuery.Read(http.Request.Query, []);
        if (query is null)
        {
            return error!;
        }

        if (await FindAsync(http, caller.AccountId, conferenceId) is not { } conference)
        {
            return TelnyxResults.NotFound("conference " + conferenceId);
        }

        var muted = BoolFilter(query, "muted", out var mutedError);
        var onHold = BoolFilter(query, "on_hold", out var holdError);
        if ((mutedError ?? holdError) is { } filterError)
        {
            return filterError;
        }

        var members = conference.Participants
            .Where(m => muted is null || m.Muted == muted)
            .Where(m => onHold is null || m.OnHold == onHold)
            .OrderBy(m => m.JoinedAt)
            .Select(m => TelnyxParticipant.Of(conference, m))
            .ToList();
        return TelnyxResults.List(query.Page.Of(members));
    });

    /// <summary>One of <see cref="TelnyxConferenceActions.Readers"/> on a conference; any other action gets the catch-all's answer.</summary>
    public static Task<IResult> RunAction(HttpContext http, string conferenceId, string action) =>
        TelnyxConferenceActions.Readers.ContainsKey(action)
            ? RunKnownActionAsync(http, conferenceId, action)
            : Task.FromResult(TelnyxUnsupportedApi.Answer(http, $"conferences/{conferenceId}/actions/{action}"));

    private static Task<IResult> RunKnownActionAsync(HttpContext http, string conferenceId, string action) =>
        TelnyxPipeline.RunWithBodyAsync(http, ApiScopes.CallsWrite, async (caller, body) =>
        {
            if (!TelnyxIds.TryParseUuid(conferenceId, SortableIds.ConferencePrefix, out var id))
            {
                return TelnyxResults.NotFound("conference " + conferenceId);
            }

            // The body first: its fields are copied out before the first await.
            var fields = new BodyFields(body, TelnyxResults.FieldErrors);
            var read = TelnyxConferenceActions.Readers[action](fields, body, id);
            if (await FindAsync(http, caller.AccountId, conferenceId) is not { } conference)
            {
                return TelnyxResults.NotFound("conference " + conferenceId);
            }

            if (read is null)
            {
                return fields.Error!;
            }

            var service = Service(http);
            var (refusal, pointer) = read switch
            {
                JoinConferenceAction join => (await service.JoinAsync(conference, join.CallId, join.Options, join.CommandId, join.ClientState, http.RequestAborted), "/call_control_id"),
                LeaveConferenceAction leave => (await service.LeaveAsync(conference, leave.CallId, leave.CommandId, http.RequestAborted), "/call_control_id"),
                SignalConferenceAction signal => (await service.SignalAsync(conference, signal.Signal, http.RequestAborted), "/call_control_ids"),
                CheckParticipantAction check => (ConferenceService.CheckParticipant(conference, check.CallId), "/call_control_id"),
                ParticipantCommandAction command => (await service.SendToParticipantAsync(conference, command.CallId, command.Command, http.RequestAborted), "/call_control_id"),
                _ => throw new InvalidOperationException($"unknown conference action {read.GetType().Name}"),
            };
            return refusal is { } refused ? TelnyxConferenceErrors.For(refused, pointer) : TelnyxResults.Data(TelnyxCommandResult.Ok);
        });

    private static async Task<ConferenceRecord?> FindAsync(HttpContext http, string accountId, string conferenceId) =>
        TelnyxIds.TryParseUuid(conferenceId, SortableIds.ConferencePrefix, out var id)
        && await Service(http).GetAsync(accountId, id, http.RequestAborted) is { Dialect: ApplicationDialect.Telnyx } conference
            ? conference
            : null;

    private static bool? BoolFilter(TelnyxListQuery query, string name, out IResult? error)
    {
        error = null;
        switch (query.Filter(name))
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                error = TelnyxResults.InvalidQuery($"filter[{name}]", $"'filter[{name}]' must be true or false");
                return null;
        }
    }

    private static ConferenceService Service(HttpContext http) => http.RequestServices.GetRequiredService<ConferenceService>();
}
