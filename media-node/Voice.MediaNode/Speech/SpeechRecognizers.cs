using Azure.Core;
using Voice.Media.Speech;
using Voice.Media.Speech.Azure;
using Voice.Media.Speech.PocketSphinx;
using Voice.Media.Speech.Whisper;
using Voice.MediaNode.Configuration;

namespace Voice.MediaNode.Speech;

/// <summary>
/// The node's speech recognizers by name (<see cref="SpeechEngines"/>), built from MediaNode__Speech__*: pocketsphinx
/// in-process, Azure AI Speech with the node's identity (or a resource key), Whisper with an operator model. A
/// command that names none gets <see cref="SpeechOptions.DefaultEngine"/>. Owned by the container.
/// </summary>
public sealed class SpeechRecognizers : IDisposable
{
    private static readonly string[] AzureScopes = ["https://cognitiveservices.azure.com/.default"];
    private readonly SpeechOptions _options;
    private readonly PocketSphinxRecognizer _pocketSphinx;
    private readonly AzureSpeechRecognizer _azure;
    private readonly WhisperRecognizer _whisper;

    public SpeechRecognizers(SpeechOptions options, HttpClient http, TokenCredential credential)
    {
        _options = options;
        _pocketSphinx = new PocketSphinxRecognizer(new PocketSphinxOptions
        {
            ModelDirectory = options.PocketSphinx.ModelDirectory,
            MaxDecoders = Math.Max(1, options.PocketSphinx.MaxDecoders),
        });
        var azure = options.Azure;
        _azure = new AzureSpeechRecognizer(http, new AzureSpeechOptions
        {
            Endpoint = string.IsNullOrWhiteSpace(azure.Endpoint) ? null : new Uri(azure.Endpoint),
            Region = azure.Region,
        }, async cancellationToken => string.IsNullOrEmpty(azure.Key)
            ? ("Authorization", "Bearer " + (await credential.GetTokenAsync(new TokenRequestContext(AzureScopes), cancellationToken)).Token)
            : ("Ocp-Apim-Subscription-Key", azure.Key));
        _whisper = new WhisperRecognizer(new WhisperOptions { ModelPath = options.Whisper.ModelPath, MaxConcurrent = options.Whisper.MaxConcurrent });
    }

    /// <summary>The recognizer called <paramref name="engine"/> (null: the default), or why there is none by that name.</summary>
    public (ISpeechRecognizer? Recognizer, string? Error) Find(string? engine)
    {
        var name = string.IsNullOrWhiteSpace(engine) ? _options.DefaultEngine : engine;
        return name.ToLowerInvariant() switch
        {
            SpeechEngines.PocketSphinx => (_pocketSphinx, null),
            SpeechEngines.Azure => (_azure, null),
            SpeechEngines.Whisper => (_whisper, null),
            _ => (null, $"unknown speech engine '{name}' (pocketsphinx, azure or whisper)"),
        };
    }

    public void Dispose()
    {
        _pocketSphinx.Dispose();
        _whisper.Dispose();
    }
}
