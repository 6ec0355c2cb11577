namespace Voice.Api.Telnyx;

/// <summary>
/// <c>page[number]</c> (1-based, default 1) and <c>page[size]</c> (1..250, default 20), Telnyx's defaults and limits.
/// </summary>
public sealed record TelnyxPageRequest(int Number, int Size)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 250;
    public const int MaxNumber = 1_000_000;

    /// <summary>How many items precede this page.</summary>
    public long Skip => (long)(Number - 1) * Size;

    /// <summary>This page of <paramref name="all"/>, with the meta for it.</summary>
    public TelnyxList<T> Of<T>(IReadOnlyList<T> all) =>
        new(all.Skip((int)Math.Min(Skip, int.MaxValue)).Take(Size).ToList(), TelnyxPageMeta.For(this, all.Count));
}
