using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Voice.Admin.Cli;

/// <summary>
/// <c>voice-admin telnyx public-key</c>: prints an account's Telnyx webhook public key, the value of
/// <c>TELNYX_PUBLIC_KEY</c> (docs/dialects/telnyx.md). It asks the Telnyx dialect's <c>GET /v2/public_key</c> with
/// the account's API key (<c>--api-key</c> or <c>$TELNYX_API_KEY</c>, the SDK's own variable), since the key pair
/// is the account's; <c>--url</c> and <c>--json</c> as for every verb.
/// </summary>
public static class TelnyxCommands
{
    private const int Done = 0;
    private const int Usage = 1;
    private const int Refused = 3;
    private const int Unreachable = 4;

    public static Command Build()
    {
        var apiKey = new Option<string>("--api-key") { Description = "an API key of the account (default: $TELNYX_API_KEY)" };
        var publicKey = new Command("public-key", "print the account's webhook public key (base64 Ed25519, as TELNYX_PUBLIC_KEY takes it)") { apiKey };
        publicKey.SetAction((r, ct) => PrintPublicKeyAsync(
            r.GetValue<string>("--url"), r.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("TELNYX_API_KEY"), r.GetValue<bool>("--json"), ct));
        return new Command("telnyx", "the Telnyx Call Control dialect") { publicKey };
    }

    private static async Task<int> PrintPublicKeyAsync(string? url, string? apiKey, bool json, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            await Console.Error.WriteLineAsync("error: no API key: give --api-key or set TELNYX_API_KEY");
            return Usage;
        }

        var baseUrl = (url ?? Environment.GetEnvironmentVariable("VOICE_ADMIN_URL") ?? "http://127.0.0.1:7071").TrimEnd('/');
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/v2/public_key");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"error: cannot reach {baseUrl}: {e.Message}");
            return Unreachable;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"error: {(int)response.StatusCode} {text}");
                return Refused;
            }

            Console.WriteLine(json ? text : JsonDocument.Parse(text).RootElement.GetProperty("data").GetProperty("public_key").GetString());
            return Done;
        }
    }
}
