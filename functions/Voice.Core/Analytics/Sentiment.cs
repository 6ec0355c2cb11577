namespace Voice.Core.Analytics;

/// <summary>A turn's or a conversation's sentiment, as the analytics distribution counts it.</summary>
public enum Sentiment
{
    Neutral,
    Positive,
    Negative,
}
