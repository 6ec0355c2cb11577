using System.Diagnostics;
using System.Text.Json;
using Voice.DevHost.Admin;

namespace Voice.Api.Tests.DevHost;

/// <summary>The operator CLI (<c>voice-admin</c>) run as a process against DevHost's admin API: output and exit codes.</summary>
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
        Assert.Equal(0, (await RunAsync("numbers", "add", accountId, number)).Code);
        Assert.StartsWith(number, (await RunAsync("numbers", "list", accountId)).Out, StringComparison.Ordinal);

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
        Assert.Equal((0, "revoked"), ((await RunAsync("keys", "revoke", accountId, keyId)).Code, (await RunAsync("keys", "revoke", accountId, keyId)).Out));
        using (var revoked = await api.SendAsync(HttpMethod.Get, "numbers", plainKey))
        {
            Assert.Equal(401, (int)revoked.StatusCode);
        }

        Assert.Equal((0, $"{accountId}  disabled"), ((await RunAsync("accounts", "disable", accountId)).Code, (await RunAsync("accounts", "disable", accountId)).Out));
    }

    [Fact]
    public async Task A_refused_request_exits_3_with_the_apis_error_on_stderr()
    {
        var missing = await RunAsync("accounts", "show", "ACnosuchaccount");
        var wrongKey = await RunAsync("accounts", "list", "--admin-key", "tka_wrong");

        Assert.Equal(3, missing.Code);
        Assert.Contains("404 not_found", missing.Err, StringComparison.Ordinal);
        Assert.Equal(3, wrongKey.Code);
        Assert.Contains("401 unauthorized", wrongKey.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usage_error_exits_1_and_an_unreachable_api_exits_4()
    {
        var usage = await RunAsync("accounts", "create");
        var unreachable = await RunAsync("accounts", "list", "--url", "http://127.0.0.1:1");

        Assert.Equal(1, usage.Code);
        Assert.Contains("--name", usage.Err, StringComparison.Ordinal);
        Assert.Equal(4, unreachable.Code);
        Assert.Contains("cannot reach", unreachable.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_has_help()
    {
        foreach (var command in new[] { "accounts", "keys", "numbers" })
        {
            var help = await RunAsync(command, "--help");
            Assert.Equal(0, help.Code);
            Assert.Contains("Usage:", help.Out, StringComparison.Ordinal);
        }
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Voice.Admin.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["VOICE_ADMIN_URL"] = new Uri(api.Http.BaseAddress!, "/").ToString();
        start.Environment["VOICE_ADMIN_KEY"] = Admin;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output).Trim(), (await error).Trim());
    }
}
