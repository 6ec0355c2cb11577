using System.Collections.Concurrent;

namespace Voice.Media.Speech.PocketSphinx;

/// <summary>
/// pocketsphinx in-process: US English, 16 kHz. With phrases it decodes against a closed grammar of them (accurate
/// and cheap: ~0.02 × real time); without, against the general 3-gram model (~0.2–0.5 × real time, and far less
/// accurate). Each utterance is decoded as one block when it ends (live as well when partial results are asked for).
/// Decoders are created on demand up to <see cref="PocketSphinxOptions.MaxDecoders"/> and reused.
/// </summary>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer, IDisposable
{
    private readonly PocketSphinxOptions _options;
    private readonly ConcurrentBag<PocketSphinxDecoder> _idle = [];
    private int _created;
    private bool _disposed;

    public PocketSphinxRecognizer(PocketSphinxOptions? options = null)
    {
        _options = options ?? new PocketSphinxOptions();
    }

    public string Name => SpeechEngines.PocketSphinx;

    public bool GivesPartialResults => true;

    /// <summary>Decoders created so far.</summary>
    public int DecodersCreated => Volatile.Read(ref _created);

    public ISpeechRecognitionStream Open(SpeechRecognitionRequest request)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!request.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"pocketsphinx has a US English model only, not {request.Language}");
        }

        var decoder = Rent();
        try
        {
            var grammar = request.Phrases.Count == 0 ? null : PhraseGrammar.Build(request.Phrases, decoder.IsKnownWord);
            decoder.Start(grammar);
            return new PocketSphinxStream(this, decoder, request.PartialResults);
        }
        catch
        {
            Return(decoder);
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var decoder))
        {
            decoder.Dispose();
        }
    }

    internal void Return(PocketSphinxDecoder decoder)
    {
        decoder.Reset();
        if (_disposed)
        {
            decoder.Dispose();
            return;
        }

        _idle.Add(decoder);
    }

    private PocketSphinxDecoder Rent()
    {
        if (_idle.TryTake(out var idle))
        {
            return idle;
        }

        if (Interlocked.Increment(ref _created) > _options.MaxDecoders)
        {
            Interlocked.Decrement(ref _created);
            throw new SpeechUnavailableException($"all {_options.MaxDecoders} pocketsphinx decoders are busy");
        }

        try
        {
            return PocketSphinxDecoder.Create(_options);
        }
        catch
        {
            Interlocked.Decrement(ref _created);
            throw;
        }
    }

    /// <summary>
    /// Keeps the utterance's audio for the final block decoding; decodes it live as well only when partial results
    /// are wanted (that doubles the cost).
    /// </summary>
    private sealed class PocketSphinxStream(PocketSphinxRecognizer owner, PocketSphinxDecoder decoder, bool live) : ISpeechRecognitionStream
    {
        private const int MaxSamples = 60 * 16000;
        private readonly List<short> _audio = [];
        private PocketSphinxDecoder? _decoder = decoder;

        public string? Partial { get; private set; }

        public void Write(ReadOnlySpan<short> samples)
        {
            var current = _decoder ?? throw new InvalidOperationException("the utterance is finished");
            var room = MaxSamples - _audio.Count;
            _audio.AddRange(samples[..Math.Min(room, samples.Length)]);
            if (live)
            {
                current.Process(samples);
                Partial = current.Hypothesis();
            }
        }

        public Task<SpeechRecognitionResult> FinishAsync(CancellationToken cancellationToken)
        {
            var current = _decoder ?? throw new InvalidOperationException("the utterance is finished");
            var (text, confidence) = current.End(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_audio));
            Dispose();
            return Task.FromResult(text is null ? SpeechRecognitionResult.Empty : new SpeechRecognitionResult([new SpeechAlternative(text, confidence)]));
        }

        public void Dispose()
        {
            _audio.Clear();
            if (Interlocked.Exchange(ref _decoder, null) is { } given)
            {
                owner.Return(given);
            }
        }
    }
}
