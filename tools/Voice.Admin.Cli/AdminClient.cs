using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Voice.Admin.Cli;

/// <summary>One admin API request, its output and its exit code.</summary>
public sealed class AdminClient
{
    public const int Done = 0;
    public const int Refused = 3;
    public const int Unreachable = 4;

    private readonly string baseUrl;
    private readonly string? key;

    public AdminClient(string? url, string? key)
    {
        baseUrl = (url ?? Environment.GetEnvironmentVariable("VOICE_ADMIN_URL") ?? "http://127.0.0.1:7071").TrimEnd('/');
        this.key = key ?? Environment.GetEnvironmentVariable("VOICE_ADMIN_KEY") ?? ReadKeyFile();
    }

    /// <summary>Sends the request; prints the JSON (<paramref name="format"/> null) or the formatted text.</summary>
    public async Task<int> SendAsync(HttpMethod method, string path, object? body, string? format, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(method, $"{baseUrl}/admin/v1/{path}");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

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
            return Unreachable;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"error: {(int)response.StatusCode} {ErrorMessage(text)}");
                return Refused;
            }

            Console.WriteLine(text.Length == 0 ? format ?? "" : format is null ? text : OutputFormat.Render(format, JsonDocument.Parse(text).RootElement));
            return Done;
        }
    }

    private static string ErrorMessage(string text)
    {
        try
        {
            var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
            var field = error.TryGetProperty("field", out var f) ? $" ({f.GetString()})" : "";
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
