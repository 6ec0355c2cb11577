namespace Voice.Api.Telnyx;

/// <summary>
/// A page of a list on Telnyx's wire: <c>{"data":[…],"meta":{"page_number","page_size","total_pages","total_results"}}</c>.
/// The SDK's <c>for await</c> stops only when <c>page_number &gt;= total_pages</c> (compat-notes §0.2), so every list
/// carries the meta, including empty ones.
/// </summary>
public sealed record TelnyxList<T>(IReadOnlyList<T> Data, TelnyxPageMeta Meta);

/// <summary>Telnyx's paging meta; <see cref="TotalPages"/> is 0 for an empty list.</summary>
public sealed record TelnyxPageMeta(int PageNumber, int PageSize, int TotalPages, int TotalResults)
{
    public static TelnyxPageMeta For(TelnyxPageRequest page, int totalResults) =>
        new(page.Number, page.Size, (int)((totalResults + (long)page.Size - 1) / page.Size), totalResults);
}
