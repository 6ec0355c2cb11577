using System.Text.Json;

namespace Voice.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class DeploymentFilesTests(CompiledMainTemplate compiled)
{
    private static string Root => Voice.Testing.RepositoryRoot.Path;

    private static JsonElement ParametersFile() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "infra", "main.parameters.json"))).RootElement.At("parameters");

    [Fact]
    public void Parameters_file_reads_the_azd_environment_name_and_location()
    {
        var parameters = ParametersFile();

        Assert.Equal("${AZURE_ENV_NAME}", parameters.Text("environmentName", "value"));
        Assert.Equal("${AZURE_LOCATION}", parameters.Text("location", "value"));
        Assert.Equal("${AZURE_PRINCIPAL_ID=}", parameters.Text("deployerPrincipalId", "value"));
    }

    [Fact]
    public void Parameters_file_names_only_parameters_main_declares()
    {
        var declared = compiled.Main.Root.At("parameters").EnumerateObject().Select(p => p.Name).ToHashSet();

        Assert.All(ParametersFile().EnumerateObject(), p => Assert.Contains(p.Name, declared));
    }

    [Fact]
    public void Parameters_file_gives_every_parameter_main_requires()
    {
        var given = ParametersFile().EnumerateObject().Select(p => p.Name).ToHashSet();
        var required = compiled.Main.Root.At("parameters").EnumerateObject()
            .Where(p => !p.Value.TryGetProperty("defaultValue", out _))
            .Select(p => p.Name);

        Assert.All(required, name => Assert.Contains(name, given));
    }

    [Fact]
    public void Azd_keeps_the_webhook_signing_key_in_the_vault()
    {
        Assert.Equal("$(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} webhook-signing-key)", ParametersFile().Text("webhookSigningKey", "value"));
        Assert.Equal("webhook-signing-key", compiled.Main.Variable("webhookSigningKeySecretName").GetString());
        Assert.True(compiled.Main.Root.Has("outputs", "AZURE_KEY_VAULT_NAME"));
    }

    [Fact]
    public void First_azd_provision_skips_the_subscription_and_the_postdeploy_hook_adds_it()
    {
        Assert.Equal("${DEPLOY_INGEST_SUBSCRIPTION=false}", ParametersFile().Text("deployIngestSubscription", "value"));
        var hook = File.ReadAllText(Path.Combine(Root, "infra", "hooks", "postdeploy.sh"));
        Assert.Contains("azd env set DEPLOY_INGEST_SUBSCRIPTION true", hook, StringComparison.Ordinal);
        Assert.Contains("azd provision", hook, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Root, "infra", "hooks", "postdeploy.ps1")));
    }

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_as_the_api_service_with_bicep_infra()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "azure.yaml")).Select(l => l.Trim()).ToList();

        Assert.Contains("provider: bicep", lines);
        Assert.Contains("path: infra", lines);
        Assert.Contains("module: main", lines);
        Assert.Contains("api:", lines);
        Assert.Contains("project: ./functions/Voice.Functions", lines);
        Assert.Contains("host: function", lines);
        Assert.Contains("language: dotnet", lines);
        Assert.True(Directory.Exists(Path.Combine(Root, "functions", "Voice.Functions")));
        Assert.Contains("run: ./infra/hooks/postdeploy.sh", lines);
    }

    [Fact]
    public void Deploy_guide_covers_azd_and_az_deployment_group_create()
    {
        var guide = File.ReadAllText(Path.Combine(Root, "docs", "deploy.md"));

        Assert.Contains("azd up", guide, StringComparison.Ordinal);
        Assert.Contains("az deployment group create", guide, StringComparison.Ordinal);
        Assert.Contains("infra/main.bicep", guide, StringComparison.Ordinal);
    }
}
