using Voice.Core.Calls;

namespace Voice.Core.Analytics;

/// <summary>What one ended call adds to its hour's rollup, computed from what is stored about it.</summary>
public static class ConversationContribution
{
    /// <summary>The hour a conversation counts in: the one it began in (UTC).</summary>
    public static DateTimeOffset HourOf(CallRecord call)
    {
        var at = call.CreatedAt.ToUniversalTime();
        return new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The call's contribution, or null while it has not ended (active calls are not in the rollups).</summary>
    public static RollupTotals? Of(CallRecord call, bool recorded, IEnumerable<string> callerTurns, ISentimentScorer scorer)
    {
        if (!call.Status.IsTerminal())
        {
            return null;
        }

        var answered = call.StartTime is not null;
        var sentiment = LexiconSentimentScorer.Classify(scorer, callerTurns);
        return new RollupTotals
        {
            Calls = 1,
            Completed = ConversationStatus.Of(call.Status) == ConversationStatus.Completed ? 1 : 0,
            Answered = answered ? 1 : 0,
            DurationSeconds = answered ? call.Duration ?? 0 : 0,
            Recorded = recorded ? 1 : 0,
            Positive = sentiment == Sentiment.Positive ? 1 : 0,
            Neutral = sentiment == Sentiment.Neutral ? 1 : 0,
            Negative = sentiment == Sentiment.Negative ? 1 : 0,
        };
    }
}
