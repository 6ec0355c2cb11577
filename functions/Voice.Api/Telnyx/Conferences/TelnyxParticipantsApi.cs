using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Core.Conferences;
using Voice.Core.Lifecycles;
using Voice.Engine.Conferences;
using Voice.Media.Contracts;

namespace Voice.Api.Telnyx;

/// <summary>
/// One conference participant (<c>/v2/conferences/{id}/participants/{participant_id}</c>): retrieve it, and update what
/// we can honour. The participant id is its call leg id (a UUID; its call control id is taken too). Of the update's
/// fields, <c>end_conference_on_exit</c> is honoured, <c>beep_enabled</c> accepted (no beeps are played) and
/// <c>soft_end_conference_on_exit: true</c> refused (a conference that stops taking joins but goes on is not built).
/// </summary>
public static class TelnyxParticipantsApi
{
    public const string Route = TelnyxConferencesApi.Route + "/{conferenceId}/participants/{participantId}";

    private static readonly string[] BeepValues = ["always", "never", "on_enter", "on_exit"];

    public static Task<IResult> Retrieve(HttpContext http, string conferenceId, string participantId) =>
        TelnyxPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
            await FindAsync(http, caller.AccountId, conferenceId, participantId) is ({ } conference, { } member)
                ? TelnyxResults.Data(TelnyxParticipant.Of(conference, member))
                : TelnyxResults.NotFound($"participant {participantId} of conference {conferenceId}"));

    public static Task<IResult> Update(HttpContext http, string conferenceId, string participantId) =>
        TelnyxPipeline.RunWithBodyAsync(http, ApiScopes.CallsWrite, async (caller, body) =>
        {
            // The body first: its fields are copied out before the first await.
            var fields = new BodyFields(body, TelnyxResults.FieldErrors);
            var endOnExit = fields.Flag("end_conference_on_exit");
            fields.OneOf("beep_enabled", BeepValues);
            fields.Require(fields.Flag("soft_end_conference_on_exit") != true, "soft_end_conference_on_exit", "'soft_end_conference_on_exit' is not supported: use 'end_conference_on_exit'");
            var error = fields.Error;
            if (await FindAsync(http, caller.AccountId, conferenceId, participantId) is not ({ } conference, { } member))
            {
                return TelnyxResults.NotFound($"participant {participantId} of conference {conferenceId}");
            }

            if (error is not null)
            {
                return error;
            }

            if (member.Status == ConferenceMemberStatus.Left)
            {
                return TelnyxConferenceErrors.For(ConferenceRefusal.NotAParticipant, callPointer: null);
            }

            if (endOnExit is { } flag && flag != member.EndOnExit)
            {
                var change = new ChangeConferenceParticipants { ConferenceId = conference.Id, CallIds = [member.CallId], EndOnExit = flag, EndOnExitHangsUp = true };
                if (await Service(http).SignalAsync(conference, change, http.RequestAborted) is { } refusal)
                {
                    return TelnyxConferenceErrors.For(refusal, callPointer: null);
                }

                // The stored record follows a moment later: answer with the change applied.
                member = member with { EndOnExit = flag };
            }

            return TelnyxResults.Data(TelnyxParticipant.Of(conference, member));
        });

    /// <summary>The Telnyx conference and the member the participant id names (left members included), or nulls.</summary>
    private static async Task<(ConferenceRecord?, ConferenceMember?)> FindAsync(HttpContext http, string accountId, string conferenceId, string participantId)
    {
        if (!TelnyxIds.TryParseUuid(conferenceId, SortableIds.ConferencePrefix, out var id)
            || !(TelnyxIds.TryParseUuid(participantId, SortableIds.CallPrefix, out var callId) || TelnyxIds.TryParseCallControlId(participantId, out callId))
            || await Service(http).GetAsync(accountId, id, http.RequestAborted) is not { Dialect: ApplicationDialect.Telnyx } conference)
        {
            return (null, null);
        }

        // A call that left and joined again is listed twice: the live membership wins.
        var member = conference.Participants.Where(m => m.CallId == callId).OrderBy(m => m.Status == ConferenceMemberStatus.Joined ? 0 : 1).FirstOrDefault();
        return member is null ? (null, null) : (conference, member);
    }

    private static ConferenceService Service(HttpContext http) => http.RequestServices.GetRequiredService<ConferenceService>();
}
