namespace Voice.Core.Analytics;

/// <summary>Scores what a caller said; pluggable (the default is <see cref="LexiconSentimentScorer"/>).</summary>
public interface ISentimentScorer
{
    /// <summary>A score below 0 is negative, above 0 positive.</summary>
    int Score(string text);
}
