using System.Text;

namespace Voice.Media.Speech.PocketSphinx;

/// <summary>
/// A JSGF grammar that accepts exactly one of the expected phrases. Phrases are lower-cased and cut into words
/// (letters and apostrophes); a phrase with a word the pronunciation dictionary lacks is left out and named in
/// <see cref="Unusable"/>, because pocketsphinx 5prealpha cannot guess a pronunciation.
/// </summary>
public sealed class PhraseGrammar
{
    private PhraseGrammar(IReadOnlyList<string> phrases, IReadOnlyList<string> unusable)
    {
        Phrases = phrases;
        Unusable = unusable;
        Key = "g" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', phrases))).AsSpan(0, 8));
    }

    /// <summary>The normalised phrases the grammar accepts, in the given order, without repeats.</summary>
    public IReadOnlyList<string> Phrases { get; }

    /// <summary>Phrases left out, with the word that made them unusable.</summary>
    public IReadOnlyList<string> Unusable { get; }

    /// <summary>A name for the grammar that is the same for the same phrases.</summary>
    public string Key { get; }

    /// <summary>Builds the grammar; <paramref name="isKnownWord"/> says whether the dictionary has a word.</summary>
    /// <exception cref="ArgumentException">No phrase is usable.</exception>
    public static PhraseGrammar Build(IEnumerable<string> phrases, Func<string, bool> isKnownWord)
    {
        var usable = new List<string>();
        var unusable = new List<string>();
        foreach (var phrase in phrases)
        {
            var words = Words(phrase);
            if (words.Count == 0)
            {
                continue;
            }

            var unknown = words.FirstOrDefault(w => !isKnownWord(w));
            if (unknown is not null)
            {
                unusable.Add($"\"{phrase}\" (\"{unknown}\" is not in the dictionary)");
                continue;
            }

            var normalised = string.Join(' ', words);
            if (!usable.Contains(normalised))
            {
                usable.Add(normalised);
            }
        }

        if (usable.Count == 0)
        {
            throw new ArgumentException(unusable.Count == 0
                ? "the phrases hold no words"
                : "no phrase can be recognized: " + string.Join(", ", unusable));
        }

        return new PhraseGrammar(usable, unusable);
    }

    /// <summary>The grammar in JSGF.</summary>
    public string ToJsgf()
    {
        var text = new StringBuilder("#JSGF V1.0;\ngrammar phrases;\npublic <phrase> = ");
        text.AppendJoin(" | ", Phrases);
        return text.Append(";\n").ToString();
    }

    /// <summary>The words of a phrase: lower case, letters and inner apostrophes; anything else separates words.</summary>
    public static IReadOnlyList<string> Words(string phrase)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in phrase)
        {
            if (char.IsLetter(c) || (c == '\'' && word.Length > 0))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString().TrimEnd('\''));
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString().TrimEnd('\''));
        }

        return words;
    }
}
