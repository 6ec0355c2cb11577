using Voice.Api.Http;
using Voice.Core.Accounts;

namespace Voice.Api.Admin;

/// <summary>Wire shapes of the admin API (snake_case like the tenant API).</summary>
public sealed record AdminAccount(string Id, string Name, string Status, bool AllowPrivateWebhooks, string DateCreated)
{
    public static AdminAccount Of(AccountRecord a) =>
        new(a.Id, a.Name, a.Status.ToString().ToLowerInvariant(), a.AllowPrivateWebhooks, ApiJson.Rfc3339(a.CreatedAt)!);
}

public sealed record AdminApiKey(string Id, string Name, IReadOnlyList<string> Scopes, string Hint, string DateCreated, string? LastUsed, string? DateRevoked, string? Key = null)
{
    public static AdminApiKey Of(ApiKeyRecord k, string? key = null) => new(
        k.Id, k.Name, k.Scopes, k.Hint, ApiJson.Rfc3339(k.CreatedAt)!, ApiJson.Rfc3339(k.LastUsedAt), ApiJson.Rfc3339(k.RevokedAt), key);
}

public sealed record AdminNumber(string Number, string AccountId, string? ApplicationId, string? AnswerUrl, string? StatusCallback, string DateCreated)
{
    public static AdminNumber Of(PhoneNumberRecord n) =>
        new(n.Number, n.AccountId, n.ApplicationId, n.AnswerUrl, n.EventUrl, ApiJson.Rfc3339(n.CreatedAt)!);
}
