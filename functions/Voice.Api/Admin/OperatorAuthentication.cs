using Microsoft.AspNetCore.Http;

namespace Voice.Api.Admin;

/// <summary>
/// The outcome of authenticating an admin request: the operator, or the status to answer with — 401 when no valid
/// credential was presented, 403 when a valid one lacks the operator's grant. <see cref="Problem"/> says which.
/// </summary>
public sealed record OperatorAuthentication
{
    public OperatorCaller? Caller { get; private init; }

    public int Status { get; private init; } = StatusCodes.Status200OK;

    public string? Problem { get; private init; }

    public static OperatorAuthentication Operator(string actor) => new() { Caller = new OperatorCaller(actor) };

    public static OperatorAuthentication Unauthenticated(string problem) => new() { Status = StatusCodes.Status401Unauthorized, Problem = problem };

    public static OperatorAuthentication Forbidden(string problem) => new() { Status = StatusCodes.Status403Forbidden, Problem = problem };
}
