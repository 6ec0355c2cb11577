namespace Voice.Api.Http;

/// <summary>The authenticated caller of a request: the account its API key is bound to.</summary>
public sealed record ApiCaller(string AccountId);
