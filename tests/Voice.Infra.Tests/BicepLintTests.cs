namespace Voice.Infra.Tests;

/// <summary>
/// Every Bicep file under infra/ passes the linter with no diagnostic at all, under infra/bicepconfig.json,
/// which makes the core rules errors.
/// </summary>
public sealed class BicepLintTests
{
    [Fact]
    public async Task Every_bicep_file_under_infra_lints_without_diagnostics()
    {
        var run = await BicepCli.RunAsync("lint", "--pattern", "infra/**/*.bicep");

        Assert.True(run.IsClean, run.ToString());
    }

    [Fact]
    public async Task A_rule_violation_is_a_lint_error_under_the_repository_config()
    {
        var folder = Directory.CreateTempSubdirectory("bicep-lint-").FullName;
        try
        {
            File.Copy(Path.Combine(Voice.Testing.RepositoryRoot.Path, "infra", "bicepconfig.json"), Path.Combine(folder, "bicepconfig.json"));
            var file = Path.Combine(folder, "unused.bicep");
            await File.WriteAllTextAsync(file, "param neverUsed string\n");

            var run = await BicepCli.RunAsync("lint", file);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(": Error no-unused-params:", run.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Bicep_config_makes_the_core_linter_rules_errors()
    {
        using var config = System.Text.Json.JsonDocument.Parse(
            File.ReadAllText(Path.Combine(Voice.Testing.RepositoryRoot.Path, "infra", "bicepconfig.json")));
        var rules = config.RootElement.At("analyzers", "core", "rules").EnumerateObject().ToList();

        foreach (var rule in new[] { "no-unused-params", "no-unused-vars", "secure-parameter-default", "outputs-should-not-contain-secrets", "no-hardcoded-env-urls", "use-secure-value-for-secure-inputs", "adminusername-should-not-be-literal", "use-stable-vm-image" })
        {
            Assert.Equal("error", rules.Single(r => r.Name == rule).Value.Text("level"));
        }
    }
}
