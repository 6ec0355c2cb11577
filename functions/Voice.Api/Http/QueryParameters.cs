using Microsoft.AspNetCore.Http;

namespace Voice.Api.Http;

/// <summary>Typed reads of query parameters that remember the first error, naming the parameter.</summary>
public sealed class QueryParameters
{
    private readonly IQueryCollection query;

    public QueryParameters(IQueryCollection query)
    {
        this.query = query;
    }

    public IResult? Error { get; private set; }

    /// <summary>The 1-based page number (default 1).</summary>
    public int Page() => WholeNumber("page", 1, 1_000_000, 1);

    /// <summary>Results per page, 1..100 (default 20).</summary>
    public int PageSize() => WholeNumber("page_size", 1, 100, 20);

    public int WholeNumber(string name, int min, int max, int fallback)
    {
        var raw = Single(name);
        if (raw is null)
        {
            return fallback;
        }

        if (!int.TryParse(raw, System.Globalization.NumberStyles.None, null, out var value) || value < min || value > max)
        {
            Error ??= ApiResults.Invalid(name, $"'{name}' must be an integer from {min} to {max}");
            return fallback;
        }

        return value;
    }

    /// <summary>One of <paramref name="allowed"/> (exact, case-sensitive), or null when absent.</summary>
    public string? OneOf(string name, IReadOnlyList<string> allowed)
    {
        var raw = Single(name);
        if (raw is null || allowed.Contains(raw))
        {
            return raw;
        }

        Error ??= ApiResults.Invalid(name, $"'{name}' must be one of: {string.Join(", ", allowed)}");
        return null;
    }

    /// <summary>A non-empty string of at most <paramref name="maxLength"/> characters, or null when absent.</summary>
    public string? Text(string name, int maxLength)
    {
        var raw = Single(name);
        if (raw is not null && (raw.Length == 0 || raw.Length > maxLength))
        {
            Error ??= ApiResults.Invalid(name, $"'{name}' must be 1 to {maxLength} characters");
            return null;
        }

        return raw;
    }

    private string? Single(string name)
    {
        if (Error is not null || !query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count != 1)
        {
            Error = ApiResults.Invalid(name, $"'{name}' must be given once");
            return null;
        }

        return values[0];
    }
}
