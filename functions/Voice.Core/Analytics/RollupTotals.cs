namespace Voice.Core.Analytics;

/// <summary>
/// Sums over ended conversations: one conversation's contribution (every count 0 or 1, its duration and tool calls),
/// or an hour's rollup, or a date range's. Contributions are added and subtracted, so a conversation whose numbers
/// change (a recording saved after the hangup) replaces its old contribution by the difference.
/// </summary>
public sealed record RollupTotals
{
    public static RollupTotals Zero { get; } = new();

    public long Calls { get; init; }

    public long Completed { get; init; }

    /// <summary>Calls that were answered: the ones <see cref="DurationSeconds"/> is summed over.</summary>
    public long Answered { get; init; }

    public long DurationSeconds { get; init; }

    public long Recorded { get; init; }

    public long ToolCalls { get; init; }

    public long ToolCallsSucceeded { get; init; }

    public long Positive { get; init; }

    public long Neutral { get; init; }

    public long Negative { get; init; }

    public long Incomplete => Calls - Completed;

    public double AverageDurationSeconds => Answered == 0 ? 0 : Math.Round((double)DurationSeconds / Answered, 1);

    public double RecordingAvailabilityRate => Calls == 0 ? 0 : Math.Round((double)Recorded / Calls, 4);

    public double ToolCallSuccessRate => ToolCalls == 0 ? 0 : Math.Round((double)ToolCallsSucceeded / ToolCalls, 4);

    public static RollupTotals operator +(RollupTotals a, RollupTotals b) => Combine(a, b, 1);

    public static RollupTotals operator -(RollupTotals a, RollupTotals b) => Combine(a, b, -1);

    private static RollupTotals Combine(RollupTotals a, RollupTotals b, int sign) => new()
    {
        Calls = a.Calls + (sign * b.Calls),
        Completed = a.Completed + (sign * b.Completed),
        Answered = a.Answered + (sign * b.Answered),
        DurationSeconds = a.DurationSeconds + (sign * b.DurationSeconds),
        Recorded = a.Recorded + (sign * b.Recorded),
        ToolCalls = a.ToolCalls + (sign * b.ToolCalls),
        ToolCallsSucceeded = a.ToolCallsSucceeded + (sign * b.ToolCallsSucceeded),
        Positive = a.Positive + (sign * b.Positive),
        Neutral = a.Neutral + (sign * b.Neutral),
        Negative = a.Negative + (sign * b.Negative),
    };
}
