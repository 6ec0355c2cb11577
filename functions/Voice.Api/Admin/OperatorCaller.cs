namespace Voice.Api.Admin;

/// <summary>The authenticated operator of an admin request; <see cref="Actor"/> is how the audit log names them.</summary>
public sealed record OperatorCaller(string Actor);
