using System.CommandLine;
using static Voice.Admin.Cli.AdminCommands;

namespace Voice.Admin.Cli;

/// <summary><c>numbers add|list|assign|unassign|release</c>: an account's phone numbers and which application answers each.</summary>
public static class NumberCommands
{
    public static Command Build()
    {
        var account = new Argument<string>("account") { Description = "the account id (AC…)" };
        var number = new Argument<string>("number") { Description = "an E.164 number (+15550100001)" };
        var application = new Argument<string>("application") { Description = "the application id (AP…) of the same account" };
        var add = new Command("add", "give an account a phone number") { account, number };
        add.SetAction((r, ct) => Run(r, HttpMethod.Post, $"accounts/{Segment(r.GetValue(account))}/numbers", new { number = r.GetValue(number) }, "{number}  {account_id}", ct));
        var list = new Command("list", "list an account's numbers and their applications") { account };
        list.SetAction((r, ct) => Run(r, HttpMethod.Get, $"accounts/{Segment(r.GetValue(account))}/numbers", null, "numbers: {number}  {application_id}", ct));
        var assign = new Command("assign", "route a number's inbound calls to one of the account's applications") { account, number, application };
        assign.SetAction((r, ct) => Run(r, HttpMethod.Patch, NumberPath(r, account, number), new { application_id = r.GetValue(application) }, "{number}  {application_id}", ct));
        var unassign = new Command("unassign", "take a number's application away (its calls get SIP 404 unless it has its own answer URL)") { account, number };
        unassign.SetAction((r, ct) => Run(r, HttpMethod.Patch, NumberPath(r, account, number), new { application_id = "" }, "{number}  {application_id}", ct));
        var release = new Command("release", "take a number from the account: it routes nowhere and can be added to any account") { account, number };
        release.SetAction((r, ct) => Run(r, HttpMethod.Delete, NumberPath(r, account, number), null, "released", ct));
        return new Command("numbers", "phone numbers") { add, list, assign, unassign, release };
    }

    private static string NumberPath(ParseResult r, Argument<string> account, Argument<string> number) =>
        $"accounts/{Segment(r.GetValue(account))}/numbers/{Segment(r.GetValue(number))}";
}
