namespace Voice.OutboundHttp;

/// <summary>Result of <see cref="OutboundTargetGuard.CheckAsync"/>: allowed, or refused with a reason.</summary>
public readonly record struct TargetCheck(bool Allowed, string? Reason)
{
    public static TargetCheck Ok { get; } = new(true, null);

    public static TargetCheck Refused(string reason) => new(false, reason);
}
