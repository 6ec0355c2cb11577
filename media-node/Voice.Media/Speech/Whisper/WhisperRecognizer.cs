using Whisper.net;

namespace Voice.Media.Speech.Whisper;

/// <summary>
/// Whisper through Whisper.net: the utterance is kept while spoken (at most 30 s, Whisper's window) and decoded
/// when it ends. Phrases become the decoder's initial prompt, which biases it towards them. The model loads on
/// first use; at most <see cref="WhisperOptions.MaxConcurrent"/> utterances decode at once, the others wait.
/// Confidence is the mean token probability of the segments.
/// </summary>
public sealed class WhisperRecognizer : ISpeechRecognizer, IDisposable
{
    private static readonly int MaxSamples = 30 * 16000;
    private readonly WhisperOptions _options;
    private readonly Lazy<WhisperFactory> _factory;
    private readonly SemaphoreSlim _decoding;

    public WhisperRecognizer(WhisperOptions options)
    {
        _options = options;
        _decoding = new SemaphoreSlim(Math.Max(1, options.MaxConcurrent));
        _factory = new Lazy<WhisperFactory>(() => WhisperFactory.FromPath(options.ModelPath!), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name => SpeechEngines.Whisper;

    public bool GivesPartialResults => false;

    public ISpeechRecognitionStream Open(SpeechRecognitionRequest request)
    {
        if (string.IsNullOrWhiteSpace(_options.ModelPath))
        {
            throw new SpeechUnavailableException("Whisper has no model: set MediaNode__Speech__Whisper__ModelPath to a ggml model file");
        }

        if (!File.Exists(_options.ModelPath))
        {
            throw new SpeechUnavailableException($"the Whisper model {_options.ModelPath} does not exist");
        }

        return new WhisperStream(this, request);
    }

    public void Dispose()
    {
        if (_factory.IsValueCreated)
        {
            _factory.Value.Dispose();
        }

        _decoding.Dispose();
    }

    private async Task<SpeechRecognitionResult> DecodeAsync(SpeechRecognitionRequest request, float[] samples, CancellationToken cancellationToken)
    {
        await _decoding.WaitAsync(cancellationToken);
        try
        {
            return await TranscribeAsync(request, samples, cancellationToken);
        }
        catch (WhisperModelLoadException e)
        {
            throw new SpeechUnavailableException($"the Whisper model {_options.ModelPath} could not be loaded: {e.Message}", e);
        }
        finally
        {
            _decoding.Release();
        }
    }

    private async Task<SpeechRecognitionResult> TranscribeAsync(SpeechRecognitionRequest request, float[] samples, CancellationToken cancellationToken)
    {
        var factory = _factory.Value;
        var builder = factory.CreateBuilder().WithThreads(_options.Threads).WithProbabilities()
            .WithLanguage(request.Language.Split('-')[0].ToLowerInvariant());
        if (request.Phrases.Count > 0)
        {
            builder = builder.WithPrompt(string.Join(", ", request.Phrases));
        }

        await using var processor = builder.Build();
        var text = new List<string>();
        var probabilities = new List<float>();
        await foreach (var segment in processor.ProcessAsync(samples, cancellationToken))
        {
            if (!string.IsNullOrWhiteSpace(segment.Text))
            {
                text.Add(segment.Text.Trim());
                probabilities.Add(segment.Probability);
            }
        }

        return text.Count == 0
            ? SpeechRecognitionResult.Empty
            : new SpeechRecognitionResult([new SpeechAlternative(string.Join(' ', text), Math.Clamp(probabilities.Average(), 0, 1))]);
    }

    private sealed class WhisperStream(WhisperRecognizer owner, SpeechRecognitionRequest request) : ISpeechRecognitionStream
    {
        private readonly List<float> _samples = [];

        public string? Partial => null;

        public void Write(ReadOnlySpan<short> samples)
        {
            var room = MaxSamples - _samples.Count;
            for (var i = 0; i < Math.Min(room, samples.Length); i++)
            {
                _samples.Add(samples[i] / 32768f);
            }
        }

        public Task<SpeechRecognitionResult> FinishAsync(CancellationToken cancellationToken) =>
            _samples.Count == 0 ? Task.FromResult(SpeechRecognitionResult.Empty) : owner.DecodeAsync(request, [.. _samples], cancellationToken);

        public void Dispose() => _samples.Clear();
    }
}
