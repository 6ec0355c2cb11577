using System.CommandLine;

namespace Voice.Admin.Cli;

/// <summary>The command tree: accounts, keys, numbers, applications; each verb is one admin API request.</summary>
public static class AdminCommands
{
    private static readonly Option<string> Url = new("--url")
    {
        Description = "the admin API's host (default: $VOICE_ADMIN_URL or http://127.0.0.1:7071)",
        Recursive = true,
    };

    private static readonly Option<string> Key = new("--admin-key", "--token")
    {
        Description = "the bearer credential: DevHost's admin key, or a Microsoft Entra ID access token in Azure "
            + "(default: $VOICE_ADMIN_KEY, $VOICE_ADMIN_TOKEN, else the file .devhost/admin-key)",
        Recursive = true,
    };

    private static readonly Option<bool> Json = new("--json") { Description = "print the API's JSON instead of text", Recursive = true };

    public static RootCommand Build()
    {
        var root = new RootCommand(
            "Operate a Voice.Functions instance: accounts, API keys, numbers and applications.\n"
            + "Exit codes: 0 done, 1 usage error or no credential, 3 refused by the API, 4 API unreachable, 5 not found, 6 conflict, 7 API failed.");
        root.Options.Add(Url);
        root.Options.Add(Key);
        root.Options.Add(Json);
        root.Subcommands.Add(AccountCommands.Build());
        root.Subcommands.Add(KeyCommands.Build());
        root.Subcommands.Add(NumberCommands.Build());
        root.Subcommands.Add(ApplicationCommands.Build());
        root.Subcommands.Add(TelnyxCommands.Build());
        return root;
    }

    /// <summary>Sends one request with the global options; <paramref name="format"/> is the text output (see <see cref="OutputFormat"/>).</summary>
    public static Task<int> Run(ParseResult r, HttpMethod method, string path, object? body, string format, CancellationToken cancellationToken) =>
        new AdminClient(r.GetValue(Url), r.GetValue(Key)).SendAsync(method, path, body, r.GetValue(Json) ? null : format, cancellationToken);

    /// <summary>A path segment from user input (numbers start with '+', ids could hold anything).</summary>
    public static string Segment(string? value) => Uri.EscapeDataString(value ?? "");
}
