using System.Globalization;
using Voice.Core.Conferences;

namespace Voice.Api.Telnyx;

/// <summary>A conference on Telnyx's wire (<c>record_type: conference</c>, compat-notes §A.4).</summary>
public sealed record TelnyxConference(
    string Id,
    string Name,
    string RecordType,
    string CreatedAt,
    string ExpiresAt,
    string Status,
    string? ConnectionId,
    string? EndReason,
    TelnyxConferenceEndedBy? EndedBy,
    string UpdatedAt)
{
    /// <summary>How long a Telnyx conference lives when its create gives no <c>duration_minutes</c>.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(4);

    public static TelnyxConference Of(ConferenceRecord c) => new(
        TelnyxIds.Uuid(c.Id),
        c.FriendlyName ?? "",
        "conference",
        Time(c.DateCreated),
        Time(c.ExpiresAt ?? c.DateCreated + DefaultDuration),
        StatusName(c.Status),
        c.ApplicationId,
        c.Status == ConferenceStatus.Completed ? EndReasonName(c.EndReason) : null,
        c.EndedByCallId is { } by ? new TelnyxConferenceEndedBy(TelnyxIds.CallControlId(by), TelnyxIds.Uuid(by)) : null,
        Time(c.UpdatedAt ?? c.DateCreated));

    /// <summary>Telnyx's status names (<c>in_progress</c> with an underscore, unlike Telefon's).</summary>
    public static string StatusName(ConferenceStatus status) => status switch
    {
        ConferenceStatus.Init => "init",
        ConferenceStatus.InProgress => "in_progress",
        _ => "completed",
    };

    public static ConferenceStatus? ParseStatus(string name) => name switch
    {
        "init" => ConferenceStatus.Init,
        "in_progress" => ConferenceStatus.InProgress,
        "completed" => ConferenceStatus.Completed,
        _ => null,
    };

    /// <summary>Telnyx's end reasons for the engine's: an end-on-exit participant is the host.</summary>
    private static string EndReasonName(string? reason) => reason switch
    {
        "end_on_exit" => "host_left",
        "ended_by_api" => "ended_via_api",
        "expired" => "time_exceeded",
        _ => "all_left",
    };

    internal static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>The participant whose exit ended the conference.</summary>
public sealed record TelnyxConferenceEndedBy(string CallControlId, string CallSessionId);
