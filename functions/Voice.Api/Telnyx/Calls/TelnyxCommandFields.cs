using System.Buffers.Text;
using Voice.Api.Http;

namespace Voice.Api.Telnyx;

/// <summary>The fields every Telnyx command takes: <c>command_id</c> (its idempotency key) and <c>client_state</c> (base64).</summary>
public static class TelnyxCommandFields
{
    /// <summary>Telnyx caps client state at 4 KB of base64.</summary>
    private const int MaxClientState = 4096;

    /// <summary>The client's command id, or a fresh one: a command without one is never a repeat.</summary>
    public static string CommandId(BodyFields fields) => fields.Text("command_id", maxLength: 256) is { Length: > 0 } id ? id : "anon:" + Guid.NewGuid().ToString("N");

    /// <summary><c>client_state</c>, which must be valid base64 (422 naming it otherwise).</summary>
    public static string? ClientState(BodyFields fields, bool required = false)
    {
        var state = fields.Text("client_state", required, MaxClientState);
        fields.Require(state is null || Base64.IsValid(state), "client_state", "'client_state' must be base64-encoded");
        return state;
    }
}
