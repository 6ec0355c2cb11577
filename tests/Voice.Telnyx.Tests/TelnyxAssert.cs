using System.Text.Json;

namespace Voice.Telnyx.Tests;

/// <summary>Assertions on Telnyx's wire: the error body and the data envelope.</summary>
internal static class TelnyxAssert
{
    /// <summary>
    /// The response is <paramref name="status"/> with exactly one Telnyx error of <paramref name="code"/>, with a title
    /// and a detail, and (when given) that source pointer or parameter. Returns the error.
    /// </summary>
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, int status, string code, string? jsonPointer = null, string? parameter = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        using var document = JsonDocument.Parse(text);
        var errors = document.RootElement.GetProperty("errors");
        Assert.Equal(1, errors.GetArrayLength());
        var error = errors[0].Clone();
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("detail").GetString()));
        if (jsonPointer is not null)
        {
            Assert.Equal(jsonPointer, error.GetProperty("source").GetProperty("pointer").GetString());
        }

        if (parameter is not null)
        {
            Assert.Equal(parameter, error.GetProperty("source").GetProperty("parameter").GetString());
        }

        return error;
    }

    /// <summary>The <c>data</c> of a <paramref name="status"/> response.</summary>
    public static async Task<JsonElement> DataAsync(HttpResponseMessage response, int status = 200)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("data").Clone();
    }
}
