namespace Voice.Engine.Calls;

/// <summary>A validated request to place an outbound call, whatever API dialect it came from.</summary>
public sealed record PlaceCallRequest(
    string To,
    string From,
    string? Url,
    string? StatusCallback,
    int TimeoutSeconds,
    bool Record);
