using System.Diagnostics;
using System.Text.Json;
using Voice.DevHost.Admin;

namespace Voice.Api.Tests.Admin;

/// <summary>
/// The operator CLI (<c>voice-admin</c>) run as a process against DevHost's admin API over Azurite: every verb's
/// output and exit code, and the error cases (usage 1, refused 3, unreachable 4, not found 5, conflict 6).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AdminCliTests
{
    private const string Admin = "tka_cli-test-admin-key";
    private readonly ApiFixture api;

    public AdminCliTests(ApiFixture api)
    {
        this.api = api;
        api.Services.GetRequiredService<AdminKey>().Set(Admin);
    }

    [Fact]
    public async Task Accounts_create_show_disable_keys_create_list_revoke_and_numbers_add_list_all_succeed_with_exit_code_0()
    {
        var created = await RunAsync("accounts", "create", "--name", "Cli Corp", "--json");
        Assert.Equal(0, created.Code);
        var accountId = JsonDocument.Parse(created.Out).RootElement.GetProperty("id").GetString()!;

        var shown = await RunAsync("accounts", "show", accountId);
        Assert.Equal((0, $"{accountId}  Cli Corp  active"), (shown.Code, shown.Out.Split("  created")[0]));
        Assert.Contains(accountId, (await RunAsync("accounts", "list")).Out, StringComparison.Ordinal);

        var number = UniqueNumbers.Next();
        Assert.Equal((0, $"{number}  {accountId}"), Result(await RunAsync("numbers", "add", accountId, number)));
        Assert.Equal((0, $"{number}  -"), Result(await RunAsync("numbers", "list", accountId)));

        var key = await RunAsync("keys", "create", accountId, "--name", "ci", "--scope", "numbers:read");
        Assert.Equal(0, key.Code);
        var plainKey = key.Out.Split('\n')[0].Trim();
        Assert.StartsWith("tk_", plainKey, StringComparison.Ordinal);
        using (var withKey = await api.SendAsync(HttpMethod.Get, "numbers", plainKey))
        {
            Assert.Equal(200, (int)withKey.StatusCode);
        }

        var listed = await RunAsync("keys", "list", accountId, "--json");
        var keyId = JsonDocument.Parse(listed.Out).RootElement.GetProperty("keys")[0].GetProperty("id").GetString()!;
        Assert.DoesNotContain(plainKey, listed.Out, StringComparison.Ordinal);
        Assert.Equal((0, "revoked"), Result(await RunAsync("keys", "revoke", accountId, keyId)));
        using (var revoked = await api.SendAsync(HttpMethod.Get, "numbers", plainKey))
        {
            Assert.Equal(401, (int)revoked.StatusCode);
        }

        Assert.Equal((0, $"{accountId}  disabled"), Result(await RunAsync("accounts", "disable", accountId)));
        Assert.Equal((0, $"{accountId}  active"), Result(await RunAsync("accounts", "enable", accountId)));
    }

    [Fact]
    public async Task Numbers_assign_unassign_and_release_change_where_the_number_routes()
    {
        var accountId = await NewAccountAsync();
        var number = UniqueNumbers.Next();
        await RunAsync("numbers", "add", accountId, number);
        var applicationId = await NewApplicationAsync(accountId, "--answer-url", "https://example.com/answer");

        Assert.Equal((0, $"{number}  {applicationId}"), Result(await RunAsync("numbers", "assign", accountId, number, applicationId)));
        Assert.Equal((0, $"{number}  {applicationId}"), Result(await RunAsync("numbers", "list", accountId)));
        Assert.Equal("https://example.com/answer", (await Resolver().ResolveAsync(number, CancellationToken.None)).AnswerUrl);

        Assert.Equal((0, $"{number}  -"), Result(await RunAsync("numbers", "unassign", accountId, number)));
        Assert.Equal((0, "released"), Result(await RunAsync("numbers", "release", accountId, number)));
        Assert.Equal((0, ""), Result(await RunAsync("numbers", "list", accountId)));
        Assert.Equal("not_found", (await Resolver().ResolveAsync(number, CancellationToken.None)).RejectReason);

        // Released: any account may take it now.
        var other = await NewAccountAsync();
        Assert.Equal(0, (await RunAsync("numbers", "add", other, number)).Code);
        await RunAsync("numbers", "release", other, number);
    }

    [Fact]
    public async Task Numbers_assign_and_release_errors_name_what_is_wrong_with_their_exit_codes()
    {
        var accountId = await NewAccountAsync();
        var number = UniqueNumbers.Next();
        await RunAsync("numbers", "add", accountId, number);

        var noApplication = await RunAsync("numbers", "assign", accountId, number, "APnosuch");
        var unowned = await RunAsync("numbers", "assign", accountId, ApiFixture.NumberB1, "APnosuch");
        var releaseUnowned = await RunAsync("numbers", "release", accountId, ApiFixture.NumberB1);
        var taken = await RunAsync("numbers", "add", api.AccountB, number);
        var missingArgument = await RunAsync("numbers", "assign", accountId, number);

        Assert.Equal(3, noApplication.Code);
        Assert.Contains("400 invalid_parameter", noApplication.Err, StringComparison.Ordinal);
        Assert.True(noApplication.Err.Contains("(application_id: the <application> argument)", StringComparison.Ordinal), noApplication.Err);
        Assert.Equal((5, 5), (unowned.Code, releaseUnowned.Code));
        Assert.Contains("404 not_found: number not found", releaseUnowned.Err, StringComparison.Ordinal);
        Assert.Equal(6, taken.Code);
        Assert.Contains("409 number_owned_elsewhere", taken.Err, StringComparison.Ordinal);
        Assert.Equal(1, missingArgument.Code);
        Assert.Contains("Required argument missing", missingArgument.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applications_create_show_update_list_and_delete_with_text_and_json_output()
    {
        var accountId = await NewAccountAsync();
        var host = Host();
        var created = await RunAsync(
            "applications", "create", accountId, "--name", "Front desk", "--answer-url", "https://example.com/a", "--sip-uri", $"sip:desk@{host}", "--sip-uri", $"sip:{host}", "--json");
        Assert.Equal(0, created.Code);
        var application = JsonDocument.Parse(created.Out).RootElement;
        var id = application.GetProperty("id").GetString()!;
        Assert.Equal(new[] { $"sip:desk@{host}", $"sip:{host}" }, application.GetProperty("sip_uris").EnumerateArray().Select(u => u.GetString()));

        var shown = await RunAsync("applications", "show", accountId, id);
        Assert.Equal((0, $"{id}  Front desk  telefon  answer https://example.com/a (GET)  events -  sip sip:desk@{host},sip:{host}"), Result(shown));

        var updated = await RunAsync("applications", "update", accountId, id, "--event-url", "https://example.com/e", "--answer-method", "POST", "--no-sip-uris");
        Assert.Equal((0, $"{id}  Front desk  telefon  answer https://example.com/a (POST)  events https://example.com/e  sip -"), Result(updated));
        var removed = await RunAsync("applications", "update", accountId, id, "--event-url", "");
        Assert.Contains("events -", removed.Out, StringComparison.Ordinal);

        Assert.Equal((0, $"{id}  Front desk  telefon  https://example.com/a"), Result(await RunAsync("applications", "list", accountId)));
        Assert.Equal((0, "deleted"), Result(await RunAsync("applications", "delete", accountId, id)));
        Assert.Equal(5, (await RunAsync("applications", "show", accountId, id)).Code);
        Assert.Equal(5, (await RunAsync("applications", "delete", accountId, id)).Code);
    }

    [Fact]
    public async Task Applications_errors_name_the_option_and_exit_with_their_codes()
    {
        var accountId = await NewAccountAsync();
        var host = Host();
        var holder = await NewApplicationAsync(accountId, "--answer-url", "https://example.com/a", "--sip-uri", $"sip:desk@{host}");
        var number = UniqueNumbers.Next();
        await RunAsync("numbers", "add", accountId, number);
        await RunAsync("numbers", "assign", accountId, number, holder);

        var badUrl = await RunAsync("applications", "create", accountId, "--name", "x", "--answer-url", "ftp://example.com");
        var badSipUri = await RunAsync("applications", "create", accountId, "--name", "x", "--sip-uri", $"sip:a@{host}", "--sip-uri", "mailto:a@example.com");
        var takenSipUri = await RunAsync("applications", "create", api.AccountB, "--name", "x", "--sip-uri", $"sip:desk@{host}");
        var inUse = await RunAsync("applications", "delete", accountId, holder);
        var noName = await RunAsync("applications", "create", accountId);
        var noAccount = await RunAsync("applications", "list", "ACnosuchaccount");

        Assert.Equal(3, badUrl.Code);
        Assert.Contains("(answer_url: --answer-url)", badUrl.Err, StringComparison.Ordinal);
        Assert.Equal(3, badSipUri.Code);
        Assert.Contains("(sip_uris[1]: --sip-uri number 2)", badSipUri.Err, StringComparison.Ordinal);
        Assert.Equal(6, takenSipUri.Code);
        Assert.Contains("409 sip_uri_taken", takenSipUri.Err, StringComparison.Ordinal);
        Assert.Equal(6, inUse.Code);
        Assert.Contains($"409 application_in_use: the application still answers {number}", inUse.Err, StringComparison.Ordinal);
        Assert.Equal(1, noName.Code);
        Assert.Contains("--name", noName.Err, StringComparison.Ordinal);
        Assert.Equal(5, noAccount.Code);
    }

    [Fact]
    public async Task A_refused_request_exits_3_and_a_missing_resource_exits_5_with_the_apis_error_on_stderr()
    {
        var missing = await RunAsync("accounts", "show", "ACnosuchaccount");
        var wrongKey = await RunAsync("accounts", "list", "--admin-key", "tka_wrong");
        var tenantKey = await RunAsync("accounts", "list", "--token", api.KeyA);

        Assert.Equal(5, missing.Code);
        Assert.Contains("404 not_found", missing.Err, StringComparison.Ordinal);
        Assert.Equal((3, 3), (wrongKey.Code, tenantKey.Code));
        Assert.Contains("401 unauthorized", wrongKey.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usage_error_or_no_credential_exits_1_and_an_unreachable_api_exits_4()
    {
        var usage = await RunAsync("accounts", "create");
        var unreachable = await RunAsync("accounts", "list", "--url", "http://127.0.0.1:1");
        var noCredential = await RunAsync(["accounts", "list"], key: "", directory: Path.GetTempPath());

        Assert.Equal(1, usage.Code);
        Assert.Contains("--name", usage.Err, StringComparison.Ordinal);
        Assert.Equal(4, unreachable.Code);
        Assert.Contains("cannot reach", unreachable.Err, StringComparison.Ordinal);
        Assert.Equal(1, noCredential.Code);
        Assert.Contains("no admin credential", noCredential.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_and_verb_has_help()
    {
        string[][] commands =
        [
            [], ["accounts"], ["accounts", "create"], ["accounts", "list"], ["accounts", "show"], ["accounts", "disable"], ["accounts", "enable"],
            ["keys"], ["keys", "create"], ["keys", "list"], ["keys", "revoke"],
            ["numbers"], ["numbers", "add"], ["numbers", "list"], ["numbers", "assign"], ["numbers", "unassign"], ["numbers", "release"],
            ["applications"], ["applications", "create"], ["applications", "list"], ["applications", "show"], ["applications", "update"], ["applications", "delete"],
        ];
        foreach (var command in commands)
        {
            var help = await RunAsync([.. command, "--help"]);
            Assert.True(help.Code == 0 && help.Out.Contains("Usage:", StringComparison.Ordinal), $"{string.Join(' ', command)} --help: {help.Code} {help.Err}");
        }

        Assert.Contains("5 not found, 6 conflict", (await RunAsync("--help")).Out, StringComparison.Ordinal);
    }

    private static (int, string) Result((int Code, string Out, string Err) run) => (run.Code, run.Out);

    private static string Host() => $"cli{Guid.NewGuid():N}"[..13] + ".example.com";

    private Voice.Engine.Accounts.InboundRouteResolver Resolver() => api.Services.GetRequiredService<Voice.Engine.Accounts.InboundRouteResolver>();

    private async Task<string> NewAccountAsync()
    {
        var created = await RunAsync("accounts", "create", "--name", "Cli Numbers", "--json");
        Assert.Equal(0, created.Code);
        return JsonDocument.Parse(created.Out).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<string> NewApplicationAsync(string accountId, params string[] options)
    {
        var created = await RunAsync(["applications", "create", accountId, "--name", "cli app", .. options, "--json"]);
        Assert.True(created.Code == 0, created.Err);
        return JsonDocument.Parse(created.Out).RootElement.GetProperty("id").GetString()!;
    }

    private Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(args, Admin, directory: null);

    private async Task<(int Code, string Out, string Err)> RunAsync(string[] args, string key, string? directory)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Voice.Admin.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (directory is not null)
        {
            start.WorkingDirectory = directory;
        }

        start.Environment["VOICE_ADMIN_URL"] = new Uri(api.Http.BaseAddress!, "/").ToString();
        start.Environment["VOICE_ADMIN_KEY"] = key.Length == 0 ? null : key;
        start.Environment["VOICE_ADMIN_TOKEN"] = null;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output).Trim(), (await error).Trim());
    }
}
