using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Voice.Api.Http;

/// <summary>
/// Runs an <see cref="IResult"/> where an <see cref="IActionResult"/> is expected: the Functions ASP.NET Core
/// integration executes <c>IActionResult</c> return values, while the handlers return minimal-API results.
/// </summary>
public sealed class ResultAsActionResult : IActionResult
{
    public ResultAsActionResult(IResult result)
    {
        Result = result;
    }

    public IResult Result { get; }

    public Task ExecuteResultAsync(ActionContext context) => Result.ExecuteAsync(context.HttpContext);
}
