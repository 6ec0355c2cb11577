namespace Voice.Media.Speech.PocketSphinx;

/// <summary>Where pocketsphinx's model is and how many decoders may run at once (Debian <c>pocketsphinx-en-us</c> by default).</summary>
public sealed record PocketSphinxOptions
{
    /// <summary>Directory holding <c>en-us/</c> (the acoustic model), <c>cmudict-en-us.dict</c> and <c>en-us.lm.bin</c>.</summary>
    public string ModelDirectory { get; init; } = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>Decoders kept and lent out; each holds the acoustic model (~36 MB with a grammar, ~106 MB with the language model).</summary>
    public int MaxDecoders { get; init; } = 4;

    internal string AcousticModel => Path.Combine(ModelDirectory, "en-us");

    internal string Dictionary => Path.Combine(ModelDirectory, "cmudict-en-us.dict");

    internal string LanguageModel => Path.Combine(ModelDirectory, "en-us.lm.bin");
}
