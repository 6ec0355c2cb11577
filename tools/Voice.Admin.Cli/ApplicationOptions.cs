using System.CommandLine;

namespace Voice.Admin.Cli;

/// <summary>The options of <c>applications create</c> and <c>update</c>, and the request body they make (only the options given).</summary>
public sealed class ApplicationOptions
{
    private readonly Option<string> name = new("--name") { Description = "the application's name (≤ 128 characters)" };
    private readonly Option<string> dialect = new("--dialect") { Description = "the webhooks' dialect: telefon (default), telnyx, vonage" };
    private readonly Option<string> answerUrl = new("--answer-url") { Description = "the call-flow webhook of inbound calls (absolute http/https)" };
    private readonly Option<string> answerMethod = new("--answer-method") { Description = "GET (default) or POST" };
    private readonly Option<string> eventUrl = new("--event-url") { Description = "where the calls' status events go" };
    private readonly Option<string> eventMethod = new("--event-method") { Description = "POST (default) or GET" };
    private readonly Option<string> fallbackUrl = new("--fallback-url") { Description = "fetched when the answer URL fails" };
    private readonly Option<string> inbound = new("--inbound") { Description = "fetch (a call flow; default) or park (wait for commands; telnyx's default)" };
    private readonly Option<string[]> sipUris = new("--sip-uri")
    {
        Description = "a SIP URI (sip:support@example.com) or domain (sip:example.com) the application answers (repeat; replaces the list)",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<bool> noSipUris = new("--no-sip-uris") { Description = "answer no SIP URIs (clears the list)" };

    public void AddTo(Command command, bool nameRequired)
    {
        name.Required = nameRequired;
        foreach (var option in new Option[] { name, dialect, answerUrl, answerMethod, eventUrl, eventMethod, fallbackUrl, inbound, sipUris, noSipUris })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The JSON body: only the fields whose options were given, so an update leaves the rest alone.</summary>
    public Dictionary<string, object> Body(ParseResult r)
    {
        var body = new Dictionary<string, object>();
        void Text(Option<string> option, string field)
        {
            if (r.GetResult(option) is not null && r.GetValue(option) is { } value)
            {
                body[field] = value;
            }
        }

        Text(name, "name");
        Text(dialect, "dialect");
        Text(answerUrl, "answer_url");
        Text(answerMethod, "answer_method");
        Text(eventUrl, "event_url");
        Text(eventMethod, "event_method");
        Text(fallbackUrl, "fallback_url");
        Text(inbound, "inbound");
        if (r.GetValue(noSipUris))
        {
            body["sip_uris"] = Array.Empty<string>();
        }
        else if (r.GetValue(sipUris) is { Length: > 0 } uris)
        {
            body["sip_uris"] = uris;
        }

        return body;
    }
}
