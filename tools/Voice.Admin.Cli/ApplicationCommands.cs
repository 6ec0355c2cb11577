using System.CommandLine;
using static Voice.Admin.Cli.AdminCommands;

namespace Voice.Admin.Cli;

/// <summary>
/// <c>applications create|list|show|update|delete</c>: how an account's inbound calls are driven — the answer, event
/// and fallback URLs, the dialect, and the SIP URIs (<c>sip:support@example.com</c>) or domains
/// (<c>sip:example.com</c>) the application answers. The fields and their checks are the API's.
/// </summary>
public static class ApplicationCommands
{
    private const string Shown = "{id}  {name}  {dialect}  answer {answer_url} ({answer_method})  events {event_url}  sip {sip_uris}";

    public static Command Build()
    {
        var account = new Argument<string>("account") { Description = "the account id (AC…)" };
        var application = new Argument<string>("application") { Description = "the application id (AP…)" };
        var created = new ApplicationOptions();
        var create = new Command("create", "create an application") { account };
        created.AddTo(create, nameRequired: true);
        create.SetAction((r, ct) => Run(r, HttpMethod.Post, Path(r, account), created.Body(r), Shown, ct));

        var list = new Command("list", "list an account's applications, newest first") { account };
        list.SetAction((r, ct) => Run(r, HttpMethod.Get, Path(r, account) + "?page_size=100", null, "applications: {id}  {name}  {dialect}  {answer_url}", ct));

        var show = new Command("show", "show one application") { account, application };
        show.SetAction((r, ct) => Run(r, HttpMethod.Get, $"{Path(r, account)}/{Segment(r.GetValue(application))}", null, Shown, ct));

        var update = new Command("update", "change the fields given, keep the others (\"\" removes an optional URL; --sip-uri replaces the list)") { account, application };
        var changed = new ApplicationOptions();
        changed.AddTo(update, nameRequired: false);
        update.SetAction((r, ct) => Run(r, HttpMethod.Patch, $"{Path(r, account)}/{Segment(r.GetValue(application))}", changed.Body(r), Shown, ct));

        var delete = new Command("delete", "delete an application (refused while numbers are assigned to it)") { account, application };
        delete.SetAction((r, ct) => Run(r, HttpMethod.Delete, $"{Path(r, account)}/{Segment(r.GetValue(application))}", null, "deleted", ct));

        return new Command("applications", "applications: what answers an account's numbers and SIP addresses") { create, list, show, update, delete };
    }

    private static string Path(ParseResult r, Argument<string> account) => $"accounts/{Segment(r.GetValue(account))}/applications";
}
