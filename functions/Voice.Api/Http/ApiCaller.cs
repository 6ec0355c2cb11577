namespace Voice.Api.Http;

/// <summary>The authenticated caller of a request: the account its API key is bound to, and that key.</summary>
public sealed record ApiCaller(string AccountId, string KeyId)
{
    /// <summary>How the audit log names this caller.</summary>
    public string Actor => "key:" + KeyId;
}
