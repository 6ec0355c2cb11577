using System.Text;
using System.Text.Json;
using Voice.Api.Http;
using Voice.Core.Addressing;

namespace Voice.Api.Telnyx;

/// <summary>The speech and audio fields call actions and conference actions share, read one way for both.</summary>
public static class TelnyxMediaFields
{
    private static readonly string[] PayloadTypes = ["text", "ssml"];

    /// <summary><c>payload</c> and <c>voice</c> (both required): the text (SSML tags dropped) and the voice from <c>language</c>.</summary>
    public static (string? Text, string Voice) Speech(BodyFields f)
    {
        var payload = f.Text("payload", required: true, maxLength: 3000);
        f.Text("voice", required: true, maxLength: 128);
        var payloadType = f.OneOf("payload_type", PayloadTypes) ?? "text";
        var language = f.Text("language", maxLength: 16) ?? "en-US";
        f.Require(language.All(c => char.IsAsciiLetter(c) || c == '-'), "language", "'language' must be a language tag such as en-US");
        var text = payload is not null && payloadType == "ssml" ? WithoutTags(payload) : payload;
        return (text, language.ToLowerInvariant());
    }

    /// <summary><c>audio_url</c> (absolute http/https); <c>media_name</c> (Telnyx media storage) is refused.</summary>
    public static string? AudioUrl(BodyFields f, bool required, string name = "audio_url", string mediaName = "media_name")
    {
        var url = f.Text(name, maxLength: 2048);
        f.Require(f.Text(mediaName, maxLength: 256) is null, mediaName, $"'{mediaName}' (Telnyx media storage) is not supported here: give '{name}'");
        if (required && url is null && f.Error is null)
        {
            // Absent: the missing-parameter error every required field gets.
            f.Text(name, required: true);
        }

        f.Require(url is null || HttpUrl.IsAbsolute(url), name, $"'{name}' must be an absolute http or https URL");
        return url;
    }

    /// <summary><c>loop</c>: a count, or <c>"infinity"</c> (0: until stopped).</summary>
    public static int Loop(BodyFields f, JsonElement body)
    {
        if (body.TryGetProperty("loop", out var loop) && loop.ValueKind == JsonValueKind.Number)
        {
            return f.WholeNumber("loop", 1, 100) ?? 1;
        }

        var text = f.Text("loop", maxLength: 16);
        f.Require(text is null || text == "infinity", "loop", "'loop' must be a number from 1 to 100 or \"infinity\"");
        return text == "infinity" ? 0 : 1;
    }

    private static string WithoutTags(string ssml)
    {
        var text = new StringBuilder(ssml.Length);
        var inTag = false;
        foreach (var c in ssml)
        {
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>')
            {
                inTag = false;
                text.Append(' ');
            }
            else if (!inTag)
            {
                text.Append(c);
            }
        }

        return text.ToString().Trim();
    }
}
