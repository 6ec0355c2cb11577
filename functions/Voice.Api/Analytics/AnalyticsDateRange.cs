using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Voice.Api.Analytics;

/// <summary>
/// <c>start_date</c> / <c>end_date</c> (ISO 8601: a date, or a date and time with an offset or Z) as whole hours
/// [<see cref="From"/>, <see cref="Until"/>): a date-only end includes that whole day, a time includes its hour.
/// Without them: everything up to now.
/// </summary>
public sealed record AnalyticsDateRange(DateTimeOffset From, DateTimeOffset Until)
{
    private static readonly DateTimeOffset Beginning = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    public static bool TryRead(IQueryCollection query, DateTimeOffset now, out AnalyticsDateRange range, out IResult? error)
    {
        range = new AnalyticsDateRange(Beginning, Hour(now).AddHours(1));
        error = null;
        var from = range.From;
        var until = range.Until;
        if (query["start_date"] is { Count: > 0 } start)
        {
            if (Parse(start[0]) is not { } parsed)
            {
                error = AnalyticsErrors.Invalid("start_date", "expected an ISO 8601 date (2025-01-31) or date-time (2025-01-31T10:00:00Z)");
                return false;
            }

            from = Hour(parsed.At);
        }

        if (query["end_date"] is { Count: > 0 } end)
        {
            if (Parse(end[0]) is not { } parsed)
            {
                error = AnalyticsErrors.Invalid("end_date", "expected an ISO 8601 date (2025-01-31) or date-time (2025-01-31T10:00:00Z)");
                return false;
            }

            until = parsed.DateOnly ? parsed.At.AddDays(1) : Hour(parsed.At).AddHours(1);
        }

        if (from >= until)
        {
            error = AnalyticsErrors.Invalid("end_date", "must not be before start_date");
            return false;
        }

        range = new AnalyticsDateRange(from, until);
        return true;
    }

    public static DateTimeOffset Hour(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private static (DateTimeOffset At, bool DateOnly)? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return (date.ToUniversalTime(), true);
        }

        return DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? (at, false)
            : null;
    }
}
