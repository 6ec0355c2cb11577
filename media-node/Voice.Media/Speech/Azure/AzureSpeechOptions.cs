namespace Voice.Media.Speech.Azure;

/// <summary>
/// Where Azure AI Speech is and how the node authenticates. Set <see cref="Endpoint"/> (a custom-domain resource,
/// <c>https://NAME.cognitiveservices.azure.com</c>, which Microsoft Entra tokens need) or <see cref="Region"/>
/// (<c>https://REGION.stt.speech.microsoft.com</c>, for a resource key).
/// </summary>
public sealed record AzureSpeechOptions
{
    /// <summary>The resource's endpoint; wins over <see cref="Region"/>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The resource's region (e.g. <c>westeurope</c>).</summary>
    public string? Region { get; init; }

    /// <summary>Request timeout: the service answers within a few seconds for an utterance of up to 60 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>True when an endpoint or a region is set.</summary>
    public bool IsConfigured => Endpoint is not null || !string.IsNullOrWhiteSpace(Region);

    internal Uri RecognitionUri(string language)
    {
        var root = Endpoint ?? new Uri($"https://{Region}.stt.speech.microsoft.com");
        var path = Endpoint is null
            ? "speech/recognition/conversation/cognitiveservices/v1"
            : "stt/speech/recognition/conversation/cognitiveservices/v1";
        return new Uri(root, $"{path}?language={Uri.EscapeDataString(language)}&format=detailed&profanity=raw");
    }
}
