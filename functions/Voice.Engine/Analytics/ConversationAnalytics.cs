using Voice.Core.Analytics;
using Voice.Core.Calls;
using Voice.Storage;

namespace Voice.Engine.Analytics;

/// <summary>
/// Keeps the analytics rollups up to date as a call's rows are written: after its record, a recording or a
/// transcript turn is saved, the call's contribution is computed again from what is stored and replaces the old one
/// (<see cref="AnalyticsRollupRepository.ApplyAsync"/>). Recomputing from storage rather than adding event by event is
/// what makes it idempotent: the effect runner may save the same row twice, and nothing is counted twice.
/// </summary>
public sealed class ConversationAnalytics(
    CallRepository calls, RecordingRepository recordings, TranscriptRepository transcripts, AnalyticsRollupRepository rollups, ISentimentScorer sentiment)
{
    /// <summary>The tracks whose turns are the caller's: what the sentiment is of.</summary>
    public const string CallerTrack = "inbound";

    public async Task RecountAsync(string accountId, string callId, CancellationToken cancellationToken = default)
    {
        if (await calls.FindAsync(accountId, callId, cancellationToken) is not { } call || !call.Status.IsTerminal())
        {
            return;
        }

        var recorded = (await recordings.ListAsync(accountId, callId, null, 1, 1, cancellationToken)).Total > 0;
        var turns = (await transcripts.ListAsync(accountId, callId, cancellationToken: cancellationToken))
            .Where(t => t.Track == CallerTrack)
            .Select(t => t.Text);
        if (ConversationContribution.Of(call, recorded, turns, sentiment) is { } contribution)
        {
            await rollups.ApplyAsync(accountId, callId, ConversationContribution.HourOf(call), contribution, cancellationToken);
        }
    }
}
