using Microsoft.AspNetCore.Http;

namespace Voice.Api.Http;

/// <summary>Adds a <c>Location</c> header to another result (201 Created responses).</summary>
public sealed class LocatedResult : IResult
{
    private readonly IResult inner;
    private readonly string location;

    public LocatedResult(IResult inner, string location)
    {
        this.inner = inner;
        this.location = location;
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Location = location;
        return inner.ExecuteAsync(httpContext);
    }
}
