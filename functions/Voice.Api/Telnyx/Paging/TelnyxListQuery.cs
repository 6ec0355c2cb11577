using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Voice.Api.Telnyx;

/// <summary>
/// What a Telnyx list request asks for: its filters (<see cref="Query"/>, <c>filter[…]</c>), the page
/// (<c>page[number]</c>, <c>page[size]</c>) and the order (<c>sort</c>, one of the list's sort fields, <c>-</c> for
/// descending). Every list of the dialect reads its query through <see cref="Read"/>.
/// </summary>
public sealed record TelnyxListQuery(BracketQuery Query, TelnyxPageRequest Page, TelnyxSort? Sort)
{
    /// <summary>The list query, or the 400 error naming the bad parameter.</summary>
    public static (TelnyxListQuery? List, IResult? Error) Read(IQueryCollection query, IReadOnlyList<string> sortFields)
    {
        var (parsed, error) = BracketQuery.Parse(query);
        if (parsed is null)
        {
            return (null, error);
        }

        var number = WholeNumber(parsed, "number", 1, TelnyxPageRequest.MaxNumber, 1, out error);
        var size = error is null ? WholeNumber(parsed, "size", 1, TelnyxPageRequest.MaxSize, TelnyxPageRequest.DefaultSize, out error) : 0;
        if (error is not null)
        {
            return (null, error);
        }

        TelnyxSort? sort = null;
        if (parsed.Value("sort") is { } raw)
        {
            var descending = raw.StartsWith('-');
            var field = descending ? raw[1..] : raw;
            if (!sortFields.Contains(field, StringComparer.Ordinal))
            {
                return (null, TelnyxResults.InvalidQuery("sort", $"'sort' must be one of {string.Join(", ", sortFields)}, with '-' in front for descending order"));
            }

            sort = new TelnyxSort(field, descending);
        }

        return (new TelnyxListQuery(parsed, new TelnyxPageRequest(number, size), sort), null);
    }

    /// <summary>The value of <c>filter[path…]</c>, or null when not given.</summary>
    public string? Filter(params string[] path) => Query.Value(["filter", .. path]);

    private static int WholeNumber(BracketQuery query, string name, int min, int max, int fallback, out IResult? error)
    {
        error = null;
        if (query.Children("page").Count == 0 && query.Value("page") is not null)
        {
            error = TelnyxResults.InvalidQuery("page", "'page' takes 'page[number]' and 'page[size]'");
            return fallback;
        }

        if (query.Value("page", name) is not { } raw)
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            error = TelnyxResults.InvalidQuery($"page[{name}]", $"'page[{name}]' must be an integer from {min} to {max}");
            return fallback;
        }

        return value;
    }
}
