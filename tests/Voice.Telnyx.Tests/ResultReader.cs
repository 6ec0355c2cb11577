using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Voice.Telnyx.Tests;

/// <summary>Runs an <see cref="IResult"/> against an in-memory response and reads what it wrote.</summary>
internal static class ResultReader
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public static async Task<(int Status, JsonElement Body, IHeaderDictionary Headers)> ReadAsync(IResult result)
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http);
        using var document = JsonDocument.Parse(body.ToArray());
        return (http.Response.StatusCode, document.RootElement.Clone(), http.Response.Headers);
    }

    /// <summary>The one Telnyx error of the result: its status, code and <c>source.parameter</c>.</summary>
    public static async Task<(int Status, string Code, string? Parameter)> ErrorAsync(IResult result)
    {
        var (status, body, _) = await ReadAsync(result);
        var error = body.GetProperty("errors")[0];
        var parameter = error.TryGetProperty("source", out var source) && source.TryGetProperty("parameter", out var p) ? p.GetString() : null;
        return (status, error.GetProperty("code").GetString()!, parameter);
    }
}
