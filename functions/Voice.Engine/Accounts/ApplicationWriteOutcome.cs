using Voice.Core.Accounts;

namespace Voice.Engine.Accounts;

/// <summary>
/// What creating or changing an application did: <see cref="Application"/> as stored, or why not — no such
/// application, or a field (<c>sip_uris[1]</c>) that cannot be accepted (<see cref="IsConflict"/>: it is another
/// application's address, 409; else the address itself is refused, 400).
/// </summary>
public sealed record ApplicationWriteOutcome
{
    public static readonly ApplicationWriteOutcome NotFound = new();

    public ApplicationRecord? Application { get; init; }

    public string? Field { get; init; }

    public string? Problem { get; init; }

    public bool IsConflict { get; init; }

    public static ApplicationWriteOutcome Saved(ApplicationRecord application) => new() { Application = application };

    public static ApplicationWriteOutcome Refused(SipAddressProblem problem) =>
        new() { Field = problem.Field, Problem = problem.Message, IsConflict = problem.IsConflict };
}
