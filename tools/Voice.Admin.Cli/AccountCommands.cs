using System.CommandLine;
using static Voice.Admin.Cli.AdminCommands;

namespace Voice.Admin.Cli;

/// <summary><c>accounts create|list|show|disable|enable</c>.</summary>
public static class AccountCommands
{
    public static Command Build()
    {
        var name = new Option<string>("--name") { Description = "the account's name", Required = true };
        var id = new Argument<string>("account") { Description = "the account id (AC…)" };
        var create = new Command("create", "create an account") { name };
        create.SetAction((r, ct) => Run(r, HttpMethod.Post, "accounts", new { name = r.GetValue(name) }, "{id}  {name}  {status}", ct));
        var list = new Command("list", "list every account");
        list.SetAction((r, ct) => Run(r, HttpMethod.Get, "accounts", null, "accounts: {id}  {name}  {status}", ct));
        var show = new Command("show", "show one account") { id };
        show.SetAction((r, ct) => Run(r, HttpMethod.Get, $"accounts/{Segment(r.GetValue(id))}", null, "{id}  {name}  {status}  created {date_created}", ct));
        var disable = new Command("disable", "disable an account: its keys get 401 from the next request") { id };
        disable.SetAction((r, ct) => Run(r, HttpMethod.Post, $"accounts/{Segment(r.GetValue(id))}/disable", null, "{id}  {status}", ct));
        var enable = new Command("enable", "enable a disabled account") { id };
        enable.SetAction((r, ct) => Run(r, HttpMethod.Post, $"accounts/{Segment(r.GetValue(id))}/enable", null, "{id}  {status}", ct));
        return new Command("accounts", "accounts (tenants)") { create, list, show, disable, enable };
    }
}
