using Voice.Api.Http;
using Voice.Core.Accounts;

namespace Voice.Api.Telefon;

/// <summary>A phone number of the account on the Telefon wire (an addition to Telefon v1).</summary>
public sealed record TelefonNumber(string Number, string? ApplicationId, string? AnswerUrl, string? StatusCallback, string DateCreated)
{
    public static TelefonNumber Of(PhoneNumberRecord n) => new(n.Number, n.ApplicationId, n.AnswerUrl, n.EventUrl, ApiJson.Rfc3339(n.CreatedAt)!);
}

public sealed record TelefonNumberList(IReadOnlyList<TelefonNumber> Numbers, int Total);
