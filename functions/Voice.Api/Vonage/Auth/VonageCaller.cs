using Voice.Api.Http;
using Voice.Core.Accounts;

namespace Voice.Api.Vonage.Auth;

/// <summary>A request authenticated with an application's JWT: its account (as every dialect's caller) and the application.</summary>
public sealed record VonageCaller(ApiCaller Caller, ApplicationRecord Application)
{
    public string AccountId => Caller.AccountId;
}
