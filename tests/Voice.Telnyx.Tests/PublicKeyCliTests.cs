using System.Diagnostics;

namespace Voice.Telnyx.Tests;

/// <summary><c>voice-admin telnyx public-key</c>, run as a process against DevHost.</summary>
[Collection(TelnyxCollection.Name)]
public sealed class PublicKeyCliTests
{
    private readonly TelnyxFixture telnyx;

    public PublicKeyCliTests(TelnyxFixture telnyx)
    {
        this.telnyx = telnyx;
    }

    [Fact]
    public async Task It_prints_the_accounts_public_key_as_the_api_publishes_it()
    {
        using var response = await telnyx.SendAsync(HttpMethod.Get, "public_key", telnyx.KeyA);
        var expected = (await TelnyxAssert.DataAsync(response)).GetProperty("public_key").GetString();

        var (exit, output, _) = await RunAsync(["telnyx", "public-key", "--url", Host, "--api-key", telnyx.KeyA]);

        Assert.Equal(0, exit);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public async Task It_reads_the_key_from_telnyx_api_key_and_fails_with_3_for_a_bad_key_and_1_without_one()
    {
        var (fromEnvironment, output, _) = await RunAsync(["telnyx", "public-key", "--url", Host], telnyx.KeyB);
        var (refused, _, error) = await RunAsync(["telnyx", "public-key", "--url", Host, "--api-key", "tk_wrong"]);
        var (usage, _, _) = await RunAsync(["telnyx", "public-key", "--url", Host], "");

        Assert.Equal(0, fromEnvironment);
        Assert.Equal(44, output.Trim().Length);
        Assert.Equal(3, refused);
        Assert.Contains("10009", error);
        Assert.Equal(1, usage);
    }

    private string Host => telnyx.Http.BaseAddress!.ToString().TrimEnd('/');

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args, string? telnyxApiKey = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Voice.Admin.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TELNYX_API_KEY"] = telnyxApiKey ?? "";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output, await error);
    }
}
