using System.Globalization;
using System.Text.Json;

namespace Voice.Api.Tests;

/// <summary>Assertions on response JSON: the one error shape, property sets and types.</summary>
internal static class JsonAssert
{
    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType ?? "");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts status, the error body shape, its code and the field it names.</summary>
    public static async Task ErrorAsync(HttpResponseMessage response, int status, string code, string? field = null)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var body = await BodyAsync(response);
        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        if (field is null)
        {
            Assert.False(error.TryGetProperty("field", out _));
        }
        else
        {
            Assert.Equal(field, error.GetProperty("field").GetString());
        }

        Assert.Single(body.EnumerateObject());
    }

    public static void HasExactly(JsonElement obj, params string[] names) =>
        Assert.Equal(names.Order(), obj.EnumerateObject().Select(p => p.Name).Order());

    public static void IsRfc3339Utc(JsonElement value)
    {
        var text = value.GetString();
        Assert.True(
            DateTimeOffset.TryParseExact(text, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
            $"'{text}' is not an RFC 3339 UTC timestamp");
    }
}
