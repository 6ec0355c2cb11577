using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Voice.Bench.Telnyx;

/// <summary>
/// The few Telnyx Call Control v2 requests the bench makes (<c>/v2</c>, <c>Authorization: Bearer</c>), as the SDK
/// sends them: create a call control application, dial, and call actions, the latter timed from the instant the
/// request is handed to the connection.
/// </summary>
internal sealed class TelnyxApiClient : IDisposable
{
    private readonly HttpClient http;

    public TelnyxApiClient(string apiUrl, string apiKey)
    {
        http = new HttpClient { BaseAddress = new Uri(apiUrl.TrimEnd('/') + "/v2/"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary>Creates a call control application; returns its id (the <c>connection_id</c> of a dial).</summary>
    public async Task<string> CreateApplicationAsync(string name, string webhookEventUrl)
    {
        var data = await PostAsync("call_control_applications", new { application_name = name, webhook_event_url = webhookEventUrl });
        return data.GetProperty("id").GetString()!;
    }

    /// <summary>Dials <paramref name="to"/>; returns the call control id.</summary>
    public async Task<string> DialAsync(string connectionId, string from, string to)
    {
        var data = await PostAsync("calls", new { connection_id = connectionId, from, to });
        return data.GetProperty("call_control_id").GetString()!;
    }

    /// <summary>
    /// <c>POST /calls/{id}/actions/{action}</c>; returns the <see cref="Stopwatch"/> timestamp taken just before the
    /// request was sent (the start of the measured command latency). Throws unless the action answered 200.
    /// </summary>
    public async Task<long> ActionAsync(string callControlId, string action, object body)
    {
        using var content = Json(body);
        var sent = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync($"calls/{callControlId}/actions/{action}", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"actions/{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return sent;
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var content = Json(body);
        using var response = await http.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /v2/{path}: {(int)response.StatusCode} {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("data").Clone();
    }

    private static StringContent Json(object body)
    {
        var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
