using System.Text;
using System.Text.Json;
using Voice.Api.Telnyx;
using Voice.Testing;

namespace Voice.Telnyx.Tests;

/// <summary>
/// The official-SDK tests of tests/telnyx-sdk (its own folder; calls/ runs in the end-to-end suite, which has a
/// media-node) against the fixture's DevHost, through <see cref="NodeTestRun"/>. The run passes the base URL, the keys
/// and a webhook body signed just before it in <c>TELNYX_TEST_*</c> variables.
/// </summary>
public static class NodeSdkRun
{
    public static readonly string Directory = Path.Combine(RepositoryRoot.Path, "tests", "telnyx-sdk");

    public static IReadOnlyList<string> TestFiles() => NodeTestRun.TestFiles(Directory);

    public static async Task<NodeTestRun> RunAsync(TelnyxFixture telnyx) =>
        await NodeTestRun.RunAsync(TestFiles(), await EnvironmentAsync(telnyx), TimeSpan.FromMinutes(5));

    private static async Task<Dictionary<string, string>> EnvironmentAsync(TelnyxFixture telnyx)
    {
        // A webhook signed by our signer with account A's key, fresh (the SDK refuses timestamps 300 s away).
        var body = JsonSerializer.Serialize(new
        {
            data = new
            {
                record_type = "event",
                event_type = "call.initiated",
                id = Guid.NewGuid().ToString(),
                occurred_at = DateTimeOffset.UtcNow.ToString("O"),
                payload = new { call_control_id = "v3:test", direction = "incoming", state = "parked", to = "+15550100001", from = "+15550100099" },
            },
            meta = new { attempt = 1, delivered_to = "http://127.0.0.1/webhooks" },
        });
        var key = await telnyx.Services.GetRequiredService<TelnyxSigningKeyStore>().GetOrCreateAsync(TelnyxFixture.AccountA, default);
        var signature = TelnyxWebhookSigner.Sign(key, Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow);
        return new Dictionary<string, string>
        {
            ["TELNYX_TEST_BASE_URL"] = telnyx.BaseUrl,
            ["TELNYX_TEST_API_KEY"] = telnyx.KeyA,
            ["TELNYX_TEST_READONLY_KEY"] = telnyx.ReadOnlyKeyA,
            ["TELNYX_TEST_OTHER_ACCOUNT_KEY"] = telnyx.KeyB,
            ["TELNYX_TEST_SIGNED_BODY"] = body,
            ["TELNYX_TEST_SIGNATURE"] = signature.Signature,
            ["TELNYX_TEST_TIMESTAMP"] = signature.Timestamp,

            // The SDK reads these when a client is built without them; none may leak in from the machine.
            ["TELNYX_API_KEY"] = "",
            ["TELNYX_BASE_URL"] = "",
            ["TELNYX_PUBLIC_KEY"] = "",
        };
    }
}
