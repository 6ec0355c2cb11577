using Voice.Api.Http;

namespace Voice.Api.Telnyx;

/// <summary>
/// Fields the conference operations share: the calls they name (call control ids, read back to our call ids). Speech
/// and audio fields are <see cref="TelnyxMediaFields"/>, as the call actions read them.
/// </summary>
public static class TelnyxConferenceFields
{
    private const int MaxCallIds = 250;

    /// <summary>A required call control id; its call id, or null with the error recorded.</summary>
    public static string? CallId(BodyFields f, string name)
    {
        var callControlId = f.Text(name, required: true, maxLength: 64);
        var callId = "";
        f.Require(callControlId is null || TelnyxIds.TryParseCallControlId(callControlId, out callId), name, $"'{name}' must be a call control id (v3:…)");
        return f.Error is null ? callId : null;
    }

    /// <summary><c>call_control_ids</c> as call ids; absent or empty is every participant (unless <paramref name="required"/>).</summary>
    public static IReadOnlyList<string> CallIds(BodyFields f, bool required)
    {
        var ids = f.TextList("call_control_ids", MaxCallIds, 64, id => TelnyxIds.TryParseCallControlId(id, out _) ? null : "must be a call control id (v3:…)");
        if (required && ids is null && f.Error is null)
        {
            // Absent: the missing-parameter error every required field gets.
            f.Text("call_control_ids", required: true);
        }

        f.Require(!required || f.Error is not null || ids is { Count: > 0 }, "call_control_ids", "'call_control_ids' is required: the calls to act on");
        return ids is null || f.Error is not null
            ? []
            : [.. ids.Select(id => TelnyxIds.TryParseCallControlId(id, out var callId) ? callId : "")];
    }
}
