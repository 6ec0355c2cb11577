using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Voice.Api.Http;

/// <summary>
/// JSON conventions of every response: snake_case names, optional fields without a value are omitted
/// (never <c>null</c>), timestamps RFC 3339 UTC with second precision (<see cref="Rfc3339"/>).
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Responses are JSON, never embedded in HTML: keep '+' in E.164 numbers readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string? Rfc3339(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
