using System.Net.Http.Headers;

namespace Voice.Media.Speech.Azure;

/// <summary>
/// Azure AI Speech through its REST API for short audio: the utterance (at most 60 s) is kept while it is spoken and
/// posted as a 16 kHz mono WAV when it ends; the service answers with its detailed result (NBest with confidence).
/// No partial results (the REST API has none) and no phrase lists (the REST API takes none: phrases are ignored).
/// Not reachable from the build machine: tests check the request it builds against a local server.
/// </summary>
public sealed class AzureSpeechRecognizer(HttpClient http, AzureSpeechOptions options, AzureSpeechAuthorization authorization) : ISpeechRecognizer
{
    /// <summary>The REST API's limit on one request's audio.</summary>
    public static readonly TimeSpan MaxUtterance = TimeSpan.FromSeconds(60);

    public string Name => SpeechEngines.Azure;

    public bool GivesPartialResults => false;

    public ISpeechRecognitionStream Open(SpeechRecognitionRequest request)
    {
        if (!options.IsConfigured)
        {
            throw new SpeechUnavailableException("Azure AI Speech is not configured (set MediaNode__Speech__Azure__Endpoint or __Region)");
        }

        return new AzureSpeechStream(this, request.Language);
    }

    /// <summary>The request that recognizes <paramref name="wav"/> (public so its shape can be checked without the service).</summary>
    public HttpRequestMessage BuildRequest(string language, byte[] wav, (string Header, string Value) auth)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, options.RecognitionUri(language))
        {
            Content = new ByteArrayContent(wav),
        };
        // "codecs=audio/pcm" is not a valid header token to .NET's parser, but it is what the service asks for.
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "audio/wav; codecs=audio/pcm; samplerate=16000");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.TryAddWithoutValidation(auth.Header, auth.Value);
        return message;
    }

    internal async Task<SpeechRecognitionResult> RecognizeAsync(string language, byte[] wav, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        using var request = BuildRequest(language, wav, await authorization(timeout.Token));
        using var response = await http.SendAsync(request, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new SpeechUnavailableException($"Azure AI Speech answered {(int)response.StatusCode}: {Shorten(body)}");
        }

        return AzureSpeechResponse.Parse(body);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private sealed class AzureSpeechStream(AzureSpeechRecognizer owner, string language) : ISpeechRecognitionStream
    {
        private static readonly int MaxSamples = (int)(MaxUtterance.TotalSeconds * 16000);
        private readonly List<short> _samples = [];

        public string? Partial => null;

        public void Write(ReadOnlySpan<short> samples)
        {
            // Longer utterances are cut at the API's limit rather than refused.
            var room = MaxSamples - _samples.Count;
            if (room > 0)
            {
                _samples.AddRange(samples[..Math.Min(room, samples.Length)]);
            }
        }

        public Task<SpeechRecognitionResult> FinishAsync(CancellationToken cancellationToken) =>
            _samples.Count == 0
                ? Task.FromResult(SpeechRecognitionResult.Empty)
                : owner.RecognizeAsync(language, Playback.WavFile.Pcm16(_samples.ToArray(), 16000), cancellationToken);

        public void Dispose() => _samples.Clear();
    }
}
