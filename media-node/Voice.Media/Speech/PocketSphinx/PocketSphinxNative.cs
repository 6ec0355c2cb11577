using System.Runtime.InteropServices;

namespace Voice.Media.Speech.PocketSphinx;

/// <summary>
/// The C API of pocketsphinx 5prealpha and sphinxbase (Debian <c>libpocketsphinx3</c>, <c>libsphinxbase3</c>).
/// Only what <see cref="PocketSphinxDecoder"/> needs; a decoder is used by one thread at a time.
/// </summary>
internal static partial class PocketSphinxNative
{
    private const string PocketSphinx = "libpocketsphinx.so.3";
    private const string SphinxBase = "libsphinxbase.so.3";

    [LibraryImport(PocketSphinx, EntryPoint = "ps_args")]
    internal static partial IntPtr Arguments();

    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_parse_r", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr ParseConfig(IntPtr config, IntPtr definitions, int argc, string[] argv, int strict);

    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_free_r")]
    internal static partial int FreeConfig(IntPtr config);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_init")]
    internal static partial IntPtr Init(IntPtr config);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_free")]
    internal static partial int Free(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_set_jsgf_string", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetJsgfString(IntPtr decoder, string name, string jsgf);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_set_search", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetSearch(IntPtr decoder, string name);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_unset_search", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int UnsetSearch(IntPtr decoder, string name);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_lookup_word", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr LookupWord(IntPtr decoder, string word);

    [LibraryImport(SphinxBase, EntryPoint = "ckd_free")]
    internal static partial void FreeMemory(IntPtr pointer);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_start_utt")]
    internal static partial int StartUtterance(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_process_raw")]
    internal static partial int ProcessRaw(IntPtr decoder, ref short data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_end_utt")]
    internal static partial int EndUtterance(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_get_hyp")]
    internal static partial IntPtr GetHypothesis(IntPtr decoder, out int bestScore);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_get_prob")]
    internal static partial int GetProbability(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_get_logmath")]
    internal static partial IntPtr GetLogMath(IntPtr decoder);

    [LibraryImport(SphinxBase, EntryPoint = "logmath_exp")]
    internal static partial double LogMathExp(IntPtr logMath, int logValue);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_set_lm_file", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetLanguageModelFile(IntPtr decoder, string name, string path);
}
