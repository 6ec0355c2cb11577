namespace Voice.Engine.Accounts;

/// <summary>Why an application cannot have one of its SIP URIs; <see cref="IsConflict"/> when another application holds it.</summary>
public sealed record SipAddressProblem(string Field, string Message, bool IsConflict);
