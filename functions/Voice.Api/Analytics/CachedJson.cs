using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Voice.Api.Analytics;

/// <summary>
/// A cacheable JSON answer: <c>Cache-Control: public, max-age</c>, a strong <c>ETag</c> that is a hash of the body
/// (so it changes exactly when the data does, on every instance alike), and 304 for a matching <c>If-None-Match</c>.
/// </summary>
public static class CachedJson
{
    public static IResult Of(HttpContext http, JsonNode body, TimeSpan maxAge)
    {
        var json = body.ToJsonString();
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)).AsSpan(0, 16)) + "\"";
        var headers = http.Response.Headers;
        headers.CacheControl = "public, max-age=" + ((int)maxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        headers.ETag = etag;
        if (Matches(http.Request.Headers.IfNoneMatch, etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Content(json, "application/json");
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var header in ifNoneMatch)
        {
            foreach (var candidate in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (candidate == "*" || candidate == etag || candidate == "W/" + etag)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
