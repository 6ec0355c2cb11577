namespace Voice.Core.Conferences;

/// <summary>Status of a conference: init → in-progress (first join) → completed.</summary>
public enum ConferenceStatus
{
    Init,
    InProgress,
    Completed,
}
