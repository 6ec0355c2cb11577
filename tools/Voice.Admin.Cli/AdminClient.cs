using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Voice.Admin.Cli;

/// <summary>One admin API request, its output and its exit code (<see cref="ExitCodes"/>).</summary>
public sealed class AdminClient
{
    private readonly string baseUrl;
    private readonly string? key;

    public AdminClient(string? url, string? key)
    {
        baseUrl = (url ?? Environment.GetEnvironmentVariable("VOICE_ADMIN_URL") ?? "http://127.0.0.1:7071").TrimEnd('/');
        this.key = key ?? Environment.GetEnvironmentVariable("VOICE_ADMIN_KEY") ?? Environment.GetEnvironmentVariable("VOICE_ADMIN_TOKEN") ?? ReadKeyFile();
    }

    /// <summary>Sends the request; prints the JSON (<paramref name="format"/> null) or the formatted text.</summary>
    public async Task<int> SendAsync(HttpMethod method, string path, object? body, string? format, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            await Console.Error.WriteLineAsync(
                "error: no admin credential: pass --admin-key (DevHost's .devhost/admin-key, read by default from the repository root) "
                + "or --token (a Microsoft Entra ID access token for the API in Azure), or set $VOICE_ADMIN_KEY / $VOICE_ADMIN_TOKEN");
            return ExitCodes.Usage;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(method, $"{baseUrl}/v1/admin/{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"error: cannot reach {baseUrl}: {e.Message}");
            return ExitCodes.Unreachable;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"error: {baseUrl} did not answer within 30 s");
            return ExitCodes.Unreachable;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"error: {(int)response.StatusCode} {ErrorMessage(text)}");
                return ExitCodes.ForStatus((int)response.StatusCode);
            }

            Console.WriteLine(text.Length == 0 ? format ?? "" : format is null ? text : OutputFormat.Render(format, JsonDocument.Parse(text).RootElement));
            return ExitCodes.Done;
        }
    }

    /// <summary>The API's error as one line; the field it names is also given as the option that sets it.</summary>
    private static string ErrorMessage(string text)
    {
        try
        {
            var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
            var field = !error.TryGetProperty("field", out var f) || f.GetString() is not { } name ? ""
                : OptionNames.Of(name) is { } option ? $" ({name}: {option})"
                : $" ({name})";
            return $"{error.GetProperty("code").GetString()}: {error.GetProperty("message").GetString()}{field}";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return text;
        }
    }

    private static string? ReadKeyFile()
    {
        var file = Path.Combine(Environment.CurrentDirectory, ".devhost", "admin-key");
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }
}
