namespace Voice.Core.Analytics;

/// <summary>
/// Counts positive and negative words, a negation ("not", "never", "no") flipping the next one. No language model
/// runs on this machine (shared/speech-notes.md), and a word list is predictable, so tests can script sentiment.
/// </summary>
public sealed class LexiconSentimentScorer : ISentimentScorer
{
    private static readonly HashSet<string> PositiveWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "good", "great", "excellent", "thanks", "thank", "happy", "perfect", "wonderful", "love", "awesome", "helpful",
        "fantastic", "nice", "glad", "pleased", "satisfied", "amazing", "brilliant", "fine", "resolved",
    };

    private static readonly HashSet<string> NegativeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "bad", "terrible", "awful", "angry", "hate", "horrible", "useless", "unhappy", "worst", "frustrated", "annoyed",
        "disappointed", "broken", "wrong", "poor", "problem", "complaint", "upset", "slow", "cancel",
    };

    private static readonly HashSet<string> Negations = new(StringComparer.OrdinalIgnoreCase) { "not", "never", "no", "don't", "isn't", "wasn't" };

    public int Score(string text)
    {
        var score = 0;
        var negate = false;
        foreach (var raw in text.Split([' ', ',', '.', '!', '?', ';', ':', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim('"', '\'', '(', ')');
            var polarity = PositiveWords.Contains(word) ? 1 : NegativeWords.Contains(word) ? -1 : 0;
            if (polarity != 0)
            {
                score += negate ? -polarity : polarity;
                negate = false;
            }
            else
            {
                negate = Negations.Contains(word);
            }
        }

        return score;
    }

    /// <summary>A conversation's sentiment from its caller's turns: the sign of their summed scores.</summary>
    public static Sentiment Classify(ISentimentScorer scorer, IEnumerable<string> turns)
    {
        var total = turns.Sum(scorer.Score);
        return total > 0 ? Sentiment.Positive : total < 0 ? Sentiment.Negative : Sentiment.Neutral;
    }
}
