using Voice.Core.Calls;

namespace Voice.Api.Telnyx;

/// <summary>A call on Telnyx's wire (<c>record_type: call</c>): the dial response and <c>GET /calls/{id}</c>.</summary>
public sealed record TelnyxCallStatus(
    string CallControlId,
    string CallLegId,
    string CallSessionId,
    bool IsAlive,
    string RecordType,
    string? ClientState,
    int? CallDuration,
    string? StartTime,
    string? EndTime)
{
    public static TelnyxCallStatus Of(CallRecord call) => new(
        TelnyxIds.CallControlId(call.Id),
        TelnyxIds.Uuid(call.Id),
        TelnyxIds.Uuid(TelnyxActiveCall.SessionCallId(call)),
        !call.Status.IsTerminal(),
        "call",
        call.ClientState,
        call.Duration,
        call.StartTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        call.EndTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>A call command's answer: <c>{"data":{"result":"ok"}}</c>.</summary>
public sealed record TelnyxCommandResult(string Result)
{
    public static TelnyxCommandResult Ok { get; } = new("ok");
}
