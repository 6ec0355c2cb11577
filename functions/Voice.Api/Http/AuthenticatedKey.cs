using Voice.Core.Accounts;

namespace Voice.Api.Http;

/// <summary>An authenticated API key: who calls, and the key record whose scopes the operation checks.</summary>
public sealed record AuthenticatedKey(ApiCaller Caller, ApiKeyRecord Key);
