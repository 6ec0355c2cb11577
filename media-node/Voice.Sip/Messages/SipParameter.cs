namespace Voice.Sip.Messages;

/// <summary>One <c>;name[=value]</c> parameter. <see cref="Value"/> is kept as written (quoted strings keep quotes).</summary>
public readonly record struct SipParameter(string Name, string? Value);
