using System.Runtime.InteropServices;

namespace Voice.Media.Speech.PocketSphinx;

/// <summary>
/// One pocketsphinx decoder (the acoustic model loaded once) with the searches it was asked for: a grammar per
/// phrase set (kept for the next request with the same phrases) and, when free speech was asked for, the general
/// language model, loaded on first use. Used by one stream at a time; <see cref="PocketSphinxRecognizer"/> lends it out.
/// </summary>
internal sealed class PocketSphinxDecoder : IDisposable
{
    private const string LanguageModelSearch = "lm";
    private const int KeptGrammars = 8;
    private readonly PocketSphinxOptions _options;
    private readonly LinkedList<string> _grammars = new();
    private IntPtr _decoder;
    private bool _languageModelLoaded;
    private bool _inUtterance;

    private PocketSphinxDecoder(PocketSphinxOptions options, IntPtr decoder)
    {
        _options = options;
        _decoder = decoder;
    }

    /// <summary>Loads the acoustic model and dictionary.</summary>
    /// <exception cref="SpeechUnavailableException">The library or the model files are missing.</exception>
    public static PocketSphinxDecoder Create(PocketSphinxOptions options)
    {
        foreach (var path in new[] { options.AcousticModel, options.Dictionary })
        {
            if (!Path.Exists(path))
            {
                throw new SpeechUnavailableException($"pocketsphinx model file {path} is missing (install Debian pocketsphinx-en-us or set the model directory)");
            }
        }

        try
        {
            var config = PocketSphinxNative.ParseConfig(IntPtr.Zero, PocketSphinxNative.Arguments(), Arguments(options).Length,
                Arguments(options), 1);
            if (config == IntPtr.Zero)
            {
                throw new SpeechUnavailableException("pocketsphinx refused its configuration");
            }

            var decoder = PocketSphinxNative.Init(config);

            // The decoder keeps its own reference to the configuration.
            _ = PocketSphinxNative.FreeConfig(config);
            return decoder == IntPtr.Zero
                ? throw new SpeechUnavailableException($"pocketsphinx could not load the model in {options.ModelDirectory}")
                : new PocketSphinxDecoder(options, decoder);
        }
        catch (DllNotFoundException e)
        {
            throw new SpeechUnavailableException("pocketsphinx is not installed (Debian libpocketsphinx3)", e);
        }
    }

    /// <summary>True when the dictionary has a pronunciation for <paramref name="word"/>.</summary>
    public bool IsKnownWord(string word)
    {
        var pronunciation = PocketSphinxNative.LookupWord(_decoder, word);
        if (pronunciation == IntPtr.Zero)
        {
            return false;
        }

        PocketSphinxNative.FreeMemory(pronunciation);
        return true;
    }

    /// <summary>Starts an utterance with <paramref name="grammar"/>, or with the language model when it is null.</summary>
    public void Start(PhraseGrammar? grammar)
    {
        if (grammar is null)
        {
            if (!_languageModelLoaded)
            {
                Check(PocketSphinxNative.SetLanguageModelFile(_decoder, LanguageModelSearch, _options.LanguageModel), "load the language model");
                _languageModelLoaded = true;
            }

            Check(PocketSphinxNative.SetSearch(_decoder, LanguageModelSearch), "select the language model");
        }
        else
        {
            if (!_grammars.Contains(grammar.Key))
            {
                Check(PocketSphinxNative.SetJsgfString(_decoder, grammar.Key, grammar.ToJsgf()), "compile the phrase grammar");
                _grammars.AddFirst(grammar.Key);
                if (_grammars.Count > KeptGrammars)
                {
                    _ = PocketSphinxNative.UnsetSearch(_decoder, _grammars.Last!.Value);
                    _grammars.RemoveLast();
                }
            }

            Check(PocketSphinxNative.SetSearch(_decoder, grammar.Key), "select the phrase grammar");
        }

        Check(PocketSphinxNative.StartUtterance(_decoder), "start an utterance");
        _inUtterance = true;
    }

    /// <summary>Decodes more 16 kHz audio of the utterance.</summary>
    public void Process(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        Check(PocketSphinxNative.ProcessRaw(_decoder, ref MemoryMarshal.GetReference(samples), (nuint)samples.Length, 0, 0), "decode audio");
    }

    /// <summary>The current best hypothesis, or null.</summary>
    public string? Hypothesis()
    {
        var text = Marshal.PtrToStringUTF8(PocketSphinxNative.GetHypothesis(_decoder, out _));
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>
    /// Ends the utterance and decodes <paramref name="utterance"/> (all of its audio) again as one block, which
    /// normalises the cepstrum over the utterance itself: the live estimate a decoder starts with, or carries over
    /// from another caller's line, made a fresh decoder miss most first utterances. Returns the hypothesis (or null)
    /// and its posterior probability.
    /// </summary>
    public (string? Text, double Confidence) End(ReadOnlySpan<short> utterance)
    {
        _inUtterance = false;
        Check(PocketSphinxNative.EndUtterance(_decoder), "end the utterance");
        if (utterance.IsEmpty)
        {
            return Result();
        }

        Check(PocketSphinxNative.StartUtterance(_decoder), "start an utterance");
        _inUtterance = true;
        Check(PocketSphinxNative.ProcessRaw(_decoder, ref MemoryMarshal.GetReference(utterance), (nuint)utterance.Length, 0, 1), "decode audio");
        _inUtterance = false;
        Check(PocketSphinxNative.EndUtterance(_decoder), "end the utterance");
        return Result();
    }

    private (string? Text, double Confidence) Result()
    {
        var text = Hypothesis();
        if (text is null)
        {
            return (null, 0);
        }

        var probability = PocketSphinxNative.LogMathExp(PocketSphinxNative.GetLogMath(_decoder), PocketSphinxNative.GetProbability(_decoder));
        return (text, Math.Clamp(probability, 0, 1));
    }

    /// <summary>Ends an utterance left open (a stream given back without finishing).</summary>
    public void Reset()
    {
        if (_inUtterance)
        {
            _inUtterance = false;
            _ = PocketSphinxNative.EndUtterance(_decoder);
        }
    }

    public void Dispose()
    {
        if (_decoder != IntPtr.Zero)
        {
            _ = PocketSphinxNative.Free(_decoder);
            _decoder = IntPtr.Zero;
        }
    }

    // -bestpath gives the language model's results a lattice posterior (the confidence); -dither keeps digitally silent
    // audio (zeros, which a real line never sends) from breaking the cepstrum; the log goes nowhere.
    private static string[] Arguments(PocketSphinxOptions options) =>
        ["-hmm", options.AcousticModel, "-dict", options.Dictionary, "-samprate", "16000", "-logfn", "/dev/null", "-bestpath", "yes", "-dither", "yes", "-seed", "1"];

    private static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new InvalidOperationException($"pocketsphinx could not {what} ({result})");
        }
    }
}
