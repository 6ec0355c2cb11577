using System.CommandLine;

namespace Voice.Admin.Cli;

/// <summary>The command tree: accounts, keys, numbers, each verb one admin API request.</summary>
public static class AdminCommands
{
    private static readonly Option<string> Url = new("--url")
    {
        Description = "the admin API's host (default: $VOICE_ADMIN_URL or http://127.0.0.1:7071)",
        Recursive = true,
    };

    private static readonly Option<string> Key = new("--admin-key")
    {
        Description = "the admin key (default: $VOICE_ADMIN_KEY, else the file .devhost/admin-key)",
        Recursive = true,
    };

    private static readonly Option<bool> Json = new("--json") { Description = "print the API's JSON instead of text", Recursive = true };

    public static RootCommand Build()
    {
        var root = new RootCommand("Operate a Voice.Functions instance: accounts, API keys and numbers.");
        root.Options.Add(Url);
        root.Options.Add(Key);
        root.Options.Add(Json);
        root.Subcommands.Add(Accounts());
        root.Subcommands.Add(Keys());
        root.Subcommands.Add(Numbers());
        root.Subcommands.Add(TelnyxCommands.Build());
        return root;
    }

    private static Command Accounts()
    {
        var name = new Option<string>("--name") { Description = "the account's name", Required = true };
        var id = new Argument<string>("account") { Description = "the account id (AC…)" };
        var create = new Command("create", "create an account") { name };
        create.SetAction((r, ct) => Run(r, HttpMethod.Post, "accounts", new { name = r.GetValue(name) }, "{id}  {name}  {status}", ct));
        var list = new Command("list", "list every account");
        list.SetAction((r, ct) => Run(r, HttpMethod.Get, "accounts", null, "accounts: {id}  {name}  {status}", ct));
        var show = new Command("show", "show one account") { id };
        show.SetAction((r, ct) => Run(r, HttpMethod.Get, $"accounts/{r.GetValue(id)}", null, "{id}  {name}  {status}  created {date_created}", ct));
        var disable = new Command("disable", "disable an account: its keys get 401 from the next request") { id };
        disable.SetAction((r, ct) => Run(r, HttpMethod.Post, $"accounts/{r.GetValue(id)}/disable", null, "{id}  {status}", ct));
        var enable = new Command("enable", "enable a disabled account") { id };
        enable.SetAction((r, ct) => Run(r, HttpMethod.Post, $"accounts/{r.GetValue(id)}/enable", null, "{id}  {status}", ct));
        return new Command("accounts", "accounts (tenants)") { create, list, show, disable, enable };
    }

    private static Command Keys()
    {
        var account = new Argument<string>("account") { Description = "the account id (AC…)" };
        var keyId = new Argument<string>("key") { Description = "the key id (KY…)" };
        var name = new Option<string>("--name") { Description = "what the key is for", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = "a scope the key gets (repeat; default: every scope)", AllowMultipleArgumentsPerToken = true };
        var create = new Command("create", "create an API key; the key is printed once and cannot be shown again") { account, name, scopes };
        create.SetAction((r, ct) => Run(
            r,
            HttpMethod.Post,
            $"accounts/{r.GetValue(account)}/keys",
            r.GetValue(scopes) is { Length: > 0 } s ? new { name = r.GetValue(name), scopes = s } : new { name = r.GetValue(name) },
            "{key}\n(id {id}; store the key now, it is not shown again)",
            ct));
        var list = new Command("list", "list an account's keys (never the keys themselves)") { account };
        list.SetAction((r, ct) => Run(r, HttpMethod.Get, $"accounts/{r.GetValue(account)}/keys", null, "keys: {id}  {name}  {hint}…  revoked {date_revoked}", ct));
        var revoke = new Command("revoke", "revoke a key: it gets 401 from the next request") { account, keyId };
        revoke.SetAction((r, ct) => Run(r, HttpMethod.Delete, $"accounts/{r.GetValue(account)}/keys/{r.GetValue(keyId)}", null, "revoked", ct));
        return new Command("keys", "API keys") { create, list, revoke };
    }

    private static Command Numbers()
    {
        var account = new Argument<string>("account") { Description = "the account id (AC…)" };
        var number = new Argument<string>("number") { Description = "an E.164 number (+15550100001)" };
        var add = new Command("add", "give an account a phone number") { account, number };
        add.SetAction((r, ct) => Run(r, HttpMethod.Post, $"accounts/{r.GetValue(account)}/numbers", new { number = r.GetValue(number) }, "{number}  {account_id}", ct));
        var list = new Command("list", "list an account's numbers") { account };
        list.SetAction((r, ct) => Run(r, HttpMethod.Get, $"accounts/{r.GetValue(account)}/numbers", null, "numbers: {number}  {application_id}", ct));
        return new Command("numbers", "phone numbers") { add, list };
    }

    private static Task<int> Run(ParseResult r, HttpMethod method, string path, object? body, string format, CancellationToken cancellationToken) =>
        new AdminClient(r.GetValue(Url), r.GetValue(Key)).SendAsync(method, path, body, r.GetValue(Json) ? null : format, cancellationToken);
}
