using System.Text.Json;

namespace Voice.Api.Vonage.Auth;

/// <summary>
/// A JWT's <c>acl</c> claim, <c>{"paths":{"/*/calls/**":{}, …}}</c>: a path pattern is split on <c>/</c>; <c>*</c>
/// matches one segment, <c>**</c> the rest (any number of segments), anything else the segment exactly. Without an
/// <c>acl</c> the token may call every path.
/// </summary>
public static class VonageAclPaths
{
    /// <summary>True when the claims allow <paramref name="path"/> (e.g. <c>/v1/calls/CA…/talk</c>).</summary>
    public static bool Allows(JsonElement claims, string path)
    {
        if (!claims.TryGetProperty("acl", out var acl) || acl.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (acl.ValueKind != JsonValueKind.Object || !acl.TryGetProperty("paths", out var paths) || paths.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var pattern in paths.EnumerateObject())
        {
            if (Matches(pattern.Name, path))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Matches(string pattern, string path)
    {
        var patternParts = pattern.Trim('/').Split('/');
        var pathParts = path.Trim('/').Split('/');
        for (var i = 0; i < patternParts.Length; i++)
        {
            if (patternParts[i] == "**")
            {
                return true;
            }

            if (i >= pathParts.Length || (patternParts[i] != "*" && !string.Equals(patternParts[i], pathParts[i], StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return patternParts.Length == pathParts.Length;
    }
}
