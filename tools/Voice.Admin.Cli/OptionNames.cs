namespace Voice.Admin.Cli;

/// <summary>
/// Where on the command line an API field comes from, so an error names what to change: <c>answer_url</c> →
/// <c>--answer-url</c>, <c>sip_uris[1]</c> → <c>the 2nd --sip-uri</c>. Null for fields no option sets.
/// </summary>
public static class OptionNames
{
    private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal)
    {
        ["name"] = "--name",
        ["scopes"] = "--scope",
        ["number"] = "the <number> argument",
        ["application_id"] = "the <application> argument",
        ["dialect"] = "--dialect",
        ["answer_url"] = "--answer-url",
        ["answer_method"] = "--answer-method",
        ["event_url"] = "--event-url",
        ["event_method"] = "--event-method",
        ["fallback_url"] = "--fallback-url",
        ["inbound"] = "--inbound",
        ["sip_uris"] = "--sip-uri",
    };

    public static string? Of(string field)
    {
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0 && field.EndsWith(']') && int.TryParse(field[(bracket + 1)..^1], out var index) && Of(field[..bracket]) is { } option)
        {
            return $"{option} number {index + 1}";
        }

        return Options.GetValueOrDefault(field);
    }
}
