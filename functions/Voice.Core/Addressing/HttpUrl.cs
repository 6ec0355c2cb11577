namespace Voice.Core.Addressing;

/// <summary>
/// The one check of webhook URLs (API fields, call-flow documents, applications): absolute <c>http</c> or
/// <c>https</c> with a host and no whitespace. Whether the target may be reached is the SSRF guard's call.
/// </summary>
public static class HttpUrl
{
    public static bool IsAbsolute(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && !value.Any(char.IsWhiteSpace);
}
