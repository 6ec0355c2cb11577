using Voice.Media.Speech.PocketSphinx;

namespace Voice.Media.Tests.Speech;

public class PhraseGrammarTests
{
    private static readonly HashSet<string> Dictionary = ["yes", "no", "talk", "to", "an", "agent", "don't"];

    [Fact]
    public void Phrases_are_lower_cased_cut_at_punctuation_and_deduplicated()
    {
        var grammar = PhraseGrammar.Build(["Yes!", "yes", "Talk to an AGENT, please", "talk-to an agent", "don't"], Dictionary.Contains);

        Assert.Equal(["yes", "talk to an agent", "don't"], grammar.Phrases);
        Assert.Equal(["\"Talk to an AGENT, please\" (\"please\" is not in the dictionary)"], grammar.Unusable);
        Assert.Equal("#JSGF V1.0;\ngrammar phrases;\npublic <phrase> = yes | talk to an agent | don't;\n", grammar.ToJsgf());
    }

    [Fact]
    public void The_key_depends_on_the_phrases_only()
    {
        var a = PhraseGrammar.Build(["yes", "no"], Dictionary.Contains);
        var b = PhraseGrammar.Build(["YES", "no."], Dictionary.Contains);
        var c = PhraseGrammar.Build(["no", "yes"], Dictionary.Contains);

        Assert.Equal(a.Key, b.Key);
        Assert.NotEqual(a.Key, c.Key);
    }

    [Theory]
    [InlineData("123 !!", "the phrases hold no words")]
    [InlineData("zebra crossing", "no phrase can be recognized: \"zebra crossing\" (\"zebra\" is not in the dictionary)")]
    public void Without_a_usable_phrase_it_refuses_and_says_why(string phrase, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => PhraseGrammar.Build([phrase], Dictionary.Contains));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Words_keep_inner_apostrophes_only()
    {
        Assert.Equal(["don't", "rock'n"], PhraseGrammar.Words("'Don't' rock'n'"));
    }
}
