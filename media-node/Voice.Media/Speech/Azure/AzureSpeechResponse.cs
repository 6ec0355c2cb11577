using System.Text.Json;

namespace Voice.Media.Speech.Azure;

/// <summary>
/// Reads the REST API's detailed answer: <c>RecognitionStatus</c> (<c>Success</c>, <c>NoMatch</c>,
/// <c>InitialSilenceTimeout</c>, <c>BabbleTimeout</c>, <c>Error</c>) and <c>NBest[]</c> with <c>Confidence</c> and
/// <c>Display</c>. Anything but Success is an empty result; Error and a body that is not that shape fail.
/// </summary>
internal static class AzureSpeechResponse
{
    public static SpeechRecognitionResult Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var status = root.TryGetProperty("RecognitionStatus", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            switch (status)
            {
                case "Success":
                    break;
                case "NoMatch" or "InitialSilenceTimeout" or "BabbleTimeout":
                    return SpeechRecognitionResult.Empty;
                case null:
                    throw new SpeechUnavailableException("Azure AI Speech answered without a RecognitionStatus");
                default:
                    throw new SpeechUnavailableException($"Azure AI Speech could not recognize: {status}");
            }

            var alternatives = new List<SpeechAlternative>();
            if (root.TryGetProperty("NBest", out var best) && best.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in best.EnumerateArray())
                {
                    var text = item.TryGetProperty("Display", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                    var confidence = item.TryGetProperty("Confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : 0;
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        alternatives.Add(new SpeechAlternative(text, Math.Clamp(confidence, 0, 1)));
                    }
                }
            }
            else if (root.TryGetProperty("DisplayText", out var display) && display.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(display.GetString()))
            {
                // The simple format: no confidence given.
                alternatives.Add(new SpeechAlternative(display.GetString()!, 0));
            }

            return new SpeechRecognitionResult(alternatives);
        }
        catch (JsonException e)
        {
            throw new SpeechUnavailableException("Azure AI Speech answered with something that is not JSON", e);
        }
    }
}
