using Voice.Core.Accounts;
using Voice.Engine.Accounts;

namespace Voice.Api.Telnyx;

/// <summary>
/// An account's Telnyx applications, filtered and sorted in memory: Telnyx's lists filter by name substrings and sort by
/// name or state, which a Table scan cannot, and an account has few applications (the scan reads them all anyway to
/// count them).
/// </summary>
public static class TelnyxApplicationLists
{
    /// <summary>The sort fields Telnyx offers for applications and connections (<c>connection_name</c> is the application's name).</summary>
    public static readonly string[] SortFields = ["created_at", "connection_name", "active"];

    private const int ReadPageSize = 500;

    /// <summary>Every application of the account that speaks Telnyx (the others are not call control applications).</summary>
    public static async Task<List<ApplicationRecord>> TelnyxApplicationsAsync(ApplicationService service, string accountId, CancellationToken cancellationToken)
    {
        var all = new List<ApplicationRecord>();
        for (var page = 1; ; page++)
        {
            var result = await service.ListAsync(accountId, page, ReadPageSize, cancellationToken);
            all.AddRange(result.Items.Where(a => a.Dialect == ApplicationDialect.Telnyx));
            if (result.Items.Count < ReadPageSize || (long)page * ReadPageSize >= result.Total)
            {
                return all;
            }
        }
    }

    /// <summary>
    /// The applications whose name contains <paramref name="nameContains"/> (case-insensitive, as Telnyx matches it) and
    /// whose outbound voice profile is <paramref name="outboundVoiceProfileId"/>, when given; in <paramref name="sort"/>'s
    /// order, newest first when none is given (Telnyx's default).
    /// </summary>
    public static IReadOnlyList<ApplicationRecord> Select(
        IEnumerable<ApplicationRecord> applications, string? nameContains, string? outboundVoiceProfileId, TelnyxSort? sort)
    {
        var selected = applications
            .Where(a => nameContains is null || a.Name.Contains(nameContains, StringComparison.OrdinalIgnoreCase))
            .Where(a => outboundVoiceProfileId is null || a.Telnyx?.OutboundVoiceProfileId == outboundVoiceProfileId);
        var ordered = sort?.Field switch
        {
            "connection_name" => Order(selected, a => a.Name, sort.Descending),
            "active" => Order(selected, a => a.Telnyx?.Active ?? true, sort.Descending),
            "created_at" => Order(selected, a => a.CreatedAt, sort.Descending),
            _ => selected.OrderByDescending(a => a.CreatedAt),
        };
        return ordered.ThenByDescending(a => a.CreatedAt).ToList();
    }

    private static IOrderedEnumerable<ApplicationRecord> Order<TKey>(IEnumerable<ApplicationRecord> items, Func<ApplicationRecord, TKey> key, bool descending) =>
        descending ? items.OrderByDescending(key) : items.OrderBy(key);
}
