using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Voice.Admin.Cli;

/// <summary>
/// Text output: <c>{field}</c> placeholders filled from the response object; a format starting with <c>list:</c>
/// renders each element of that array property on its own line.
/// </summary>
public static partial class OutputFormat
{
    public static string Render(string format, JsonElement body)
    {
        var colon = format.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && !format.StartsWith('{') && body.TryGetProperty(format[..colon], out var items) && items.ValueKind == JsonValueKind.Array)
        {
            var lines = new StringBuilder();
            foreach (var item in items.EnumerateArray())
            {
                lines.AppendLine(Fill(format[(colon + 2)..], item));
            }

            return lines.ToString().TrimEnd();
        }

        return Fill(format, body);
    }

    private static string Fill(string format, JsonElement item) => Placeholder().Replace(format, m =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(m.Groups[1].Value, out var value) && value.ValueKind != JsonValueKind.Null
            ? Text(value)
            : "-");

    /// <summary>Strings as they are, arrays as their elements joined by commas ("-" when empty), anything else as JSON.</summary>
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => value.GetArrayLength() == 0 ? "-" : string.Join(",", value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();
}
