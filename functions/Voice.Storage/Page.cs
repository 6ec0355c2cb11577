namespace Voice.Storage;

/// <summary>One page of a list, with the total number of matching items.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
