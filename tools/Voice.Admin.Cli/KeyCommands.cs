using System.CommandLine;
using static Voice.Admin.Cli.AdminCommands;

namespace Voice.Admin.Cli;

/// <summary><c>keys create|list|revoke</c>: an account's API keys.</summary>
public static class KeyCommands
{
    public static Command Build()
    {
        var account = new Argument<string>("account") { Description = "the account id (AC…)" };
        var keyId = new Argument<string>("key") { Description = "the key id (KY…)" };
        var name = new Option<string>("--name") { Description = "what the key is for", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = "a scope the key gets (repeat; default: every scope)", AllowMultipleArgumentsPerToken = true };
        var create = new Command("create", "create an API key; the key is printed once and cannot be shown again") { account, name, scopes };
        create.SetAction((r, ct) => Run(
            r,
            HttpMethod.Post,
            $"accounts/{Segment(r.GetValue(account))}/keys",
            r.GetValue(scopes) is { Length: > 0 } s ? new { name = r.GetValue(name), scopes = s } : new { name = r.GetValue(name) },
            "{key}\n(id {id}; store the key now, it is not shown again)",
            ct));
        var list = new Command("list", "list an account's keys (never the keys themselves)") { account };
        list.SetAction((r, ct) => Run(r, HttpMethod.Get, $"accounts/{Segment(r.GetValue(account))}/keys", null, "keys: {id}  {name}  {hint}…  revoked {date_revoked}", ct));
        var revoke = new Command("revoke", "revoke a key: it gets 401 from the next request") { account, keyId };
        revoke.SetAction((r, ct) => Run(r, HttpMethod.Delete, $"accounts/{Segment(r.GetValue(account))}/keys/{Segment(r.GetValue(keyId))}", null, "revoked", ct));
        return new Command("keys", "API keys") { create, list, revoke };
    }
}
