using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Vonage.Auth;
using Voice.Core.Calls;
using Voice.Engine.Calls;

namespace Voice.Api.Vonage.Calls;

/// <summary>
/// <c>GET /v1/calls</c>: HAL <c>{count, page_size, record_index, _links, _embedded.calls}</c> with the seed's filters
/// (status, date_start, date_end, conversation_uuid, order asc|desc, page_size 1..100 default 10, record_index). Links
/// are absolute and <c>next</c> is left out on the last page: the SDK's iterator parses <c>next.href</c> as a URL
/// (compat-notes §0.9). <c>_embedded.calls</c> is always an array. The account's calls are read whole and filtered here
/// (the filters are not table columns); fine for the call counts a self-hosted account keeps, noted in the docs.
/// </summary>
public static class VonageCallList
{
    private const int ReadPageSize = 1000;

    public static async Task<IResult> ReadAsync(HttpContext http, VonageCaller caller)
    {
        var query = http.Request.Query;
        var pageSize = Whole(query, "page_size", 1, 100, 10, out var error) ?? 10;
        var recordIndex = error is null ? Whole(query, "record_index", 0, int.MaxValue, 0, out error) ?? 0 : 0;
        var order = query["order"].ToString() is { Length: > 0 } o ? o.ToLowerInvariant() : "asc";
        var status = query["status"].ToString();
        var conversation = query["conversation_uuid"].ToString();
        DateTimeOffset? start = null, end = null;
        if (error is null && order is not ("asc" or "desc"))
        {
            error = VonageResults.InvalidParameters("order", "'order' must be asc or desc");
        }

        if (error is null && status.Length > 0 && !VonageCallStatus.All.Contains(status))
        {
            error = VonageResults.InvalidParameters("status", "'status' must be one of: " + string.Join(", ", VonageCallStatus.All));
        }

        if (error is null && !TryTime(query, "date_start", out start))
        {
            error = VonageResults.InvalidParameters("date_start", "'date_start' must be an ISO 8601 date-time (2026-12-01T10:00:00Z)");
        }

        if (error is null && !TryTime(query, "date_end", out end))
        {
            error = VonageResults.InvalidParameters("date_end", "'date_end' must be an ISO 8601 date-time (2026-12-01T10:00:00Z)");
        }

        if (error is not null)
        {
            return error;
        }

        var calls = await AllCallsAsync(http, caller.AccountId);
        var matching = calls
            .Where(c => status.Length == 0 || VonageCallStatus.Of(c.Status) == status)
            .Where(c => conversation.Length == 0 || VonageIds.ConversationOf(c) == conversation)
            .Where(c => start is null || c.CreatedAt >= start)
            .Where(c => end is null || c.CreatedAt <= end);
        var ordered = (order == "asc" ? matching.OrderBy(c => c.CreatedAt) : matching.OrderByDescending(c => c.CreatedAt)).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var baseUrl = VonageCallsApi.BaseUrl(http);
        var page = ordered.Skip(recordIndex).Take(pageSize).Select(c => (JsonNode)VonageCallDetails.Of(c, baseUrl)).ToArray();

        var links = new JsonObject
        {
            ["self"] = Link(http, baseUrl, recordIndex, pageSize),
            ["first"] = Link(http, baseUrl, 0, pageSize),
            ["last"] = Link(http, baseUrl, Math.Max(0, (ordered.Count - 1) / pageSize * pageSize), pageSize),
        };
        if (recordIndex + pageSize < ordered.Count)
        {
            links["next"] = Link(http, baseUrl, recordIndex + pageSize, pageSize);
        }

        if (recordIndex > 0)
        {
            links["prev"] = Link(http, baseUrl, Math.Max(0, recordIndex - pageSize), pageSize);
        }

        return VonageResults.Json(new JsonObject
        {
            ["count"] = ordered.Count,
            ["page_size"] = pageSize,
            ["record_index"] = recordIndex,
            ["_links"] = links,
            ["_embedded"] = new JsonObject { ["calls"] = new JsonArray(page) },
        });
    }

    private static async Task<List<CallRecord>> AllCallsAsync(HttpContext http, string accountId)
    {
        var service = http.RequestServices.GetRequiredService<CallService>();
        var all = new List<CallRecord>();
        for (var page = 1; ; page++)
        {
            var result = await service.ListAsync(accountId, null, null, page, ReadPageSize, http.RequestAborted);
            all.AddRange(result.Items);
            if (result.Items.Count < ReadPageSize || all.Count >= result.Total)
            {
                return all;
            }
        }
    }

    /// <summary>The request's own query with record_index and page_size set: filters are kept across pages.</summary>
    private static JsonObject Link(HttpContext http, string baseUrl, int recordIndex, int pageSize)
    {
        var parameters = http.Request.Query
            .Where(p => p.Key is not "record_index" and not "page_size")
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value.ToString())}")
            .Append($"page_size={pageSize}")
            .Append($"record_index={recordIndex}");
        return new JsonObject { ["href"] = $"{baseUrl}/{VonageCallsApi.Route}?{string.Join('&', parameters)}" };
    }

    private static int? Whole(IQueryCollection query, string name, int min, int max, int fallback, out IResult? error)
    {
        error = null;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        error = VonageResults.InvalidParameters(name, $"'{name}' must be a whole number in {min}..{max}");
        return null;
    }

    private static bool TryTime(IQueryCollection query, string name, out DateTimeOffset? time)
    {
        time = null;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }
}
