namespace Voice.Storage;

/// <summary>
/// One entry of <see cref="CallEventLog"/>: a command a call accepted or a webhook sent for it, at
/// <paramref name="Time"/>, with the dialect's name for it and its metadata (a JSON object). <paramref name="Key"/>
/// tells entries at the same time apart; a repeat of the same entry uses the same key.
/// </summary>
public sealed record CallEventEntry(
    string AccountId, string CallId, DateTimeOffset Time, CallEventKind Kind, string Name, string Key, string MetadataJson)
{
    /// <summary>The call whose session this leg belongs to (a transfer's or linked dial's first call); null: its own.</summary>
    public string? SessionCallId { get; init; }
}
