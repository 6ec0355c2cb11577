using Azure;

namespace Voice.Storage;

/// <summary>A stored value with the ETag it was read at, for optimistic concurrency.</summary>
public sealed record Stored<T>(T Value, ETag ETag);
