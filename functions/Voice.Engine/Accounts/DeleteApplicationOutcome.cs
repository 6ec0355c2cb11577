namespace Voice.Engine.Accounts;

/// <summary>What deleting an application did; <see cref="AssignedNumbers"/> lists the numbers that still use it.</summary>
public sealed record DeleteApplicationOutcome(bool Found, IReadOnlyList<string> AssignedNumbers)
{
    public static readonly DeleteApplicationOutcome Deleted = new(true, []);

    public static readonly DeleteApplicationOutcome NotFound = new(false, []);

    public static DeleteApplicationOutcome InUse(IReadOnlyList<string> numbers) => new(true, numbers);
}
