using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Voice.Api.Http;

/// <summary>Adds a <c>Retry-After</c> header (whole seconds) to another result: a 503 when no media node has room.</summary>
public sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(httpContext);
    }
}
