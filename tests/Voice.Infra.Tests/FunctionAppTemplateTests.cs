using System.Text.Json;

namespace Voice.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class FunctionAppTemplateTests(CompiledMainTemplate compiled)
{
    private ArmResource Site => compiled.Main.Sole("Microsoft.Web/sites");

    private ArmTemplate Api => compiled.Main.Module("api");

    [Fact]
    public void Function_app_has_a_system_assigned_identity()
    {
        Assert.Equal("SystemAssigned", Site.Element.Text("identity", "type"));
    }

    [Fact]
    public void Function_app_is_https_only_with_tls_1_2_and_no_ftp()
    {
        Assert.True(Site.Properties.At("httpsOnly").GetBoolean());
        Assert.Equal("1.2", Site.Properties.Text("siteConfig", "minTlsVersion"));
        Assert.Equal("Disabled", Site.Properties.Text("siteConfig", "ftpsState"));
        var policies = compiled.Main.Resources("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False(p.Properties.At("allow").GetBoolean()));
    }

    [Fact]
    public void Function_app_runs_dotnet_isolated_10_on_flex_consumption()
    {
        Assert.Equal("dotnet-isolated", Site.Properties.Text("functionAppConfig", "runtime", "name"));
        Assert.Equal("10.0", Site.Properties.Text("functionAppConfig", "runtime", "version"));
        Assert.Equal("functionapp,linux", Site.Element.Text("kind"));
        var plan = compiled.Main.Sole("Microsoft.Web/serverfarms").Element;
        Assert.Equal("FC1", plan.Text("sku", "name"));
        Assert.Equal("FlexConsumption", plan.Text("sku", "tier"));
    }

    [Fact]
    public void Deployment_package_is_read_with_the_app_identity()
    {
        var storage = Site.Properties.At("functionAppConfig", "deployment", "storage");

        Assert.Equal("blobContainer", storage.Text("type"));
        Assert.Equal("SystemAssignedIdentity", storage.Text("authentication", "type"));
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__blobServiceUri", "blobEndpoint")]
    [InlineData("AzureWebJobsStorage__queueServiceUri", "queueEndpoint")]
    [InlineData("AzureWebJobsStorage__tableServiceUri", "tableEndpoint")]
    [InlineData("VoiceStorage__blobServiceUri", "blobEndpoint")]
    [InlineData("VoiceStorage__queueServiceUri", "queueEndpoint")]
    [InlineData("VoiceStorage__tableServiceUri", "tableEndpoint")]
    [InlineData("EventGrid__TopicEndpoint", "eventGridTopicEndpoint")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", "applicationInsightsConnectionString")]
    public void App_setting_is_taken_from_the_matching_module_parameter(string setting, string parameter)
    {
        Assert.Equal($"[parameters('{parameter}')]", Api.Variable("baseAppSettings").Text(setting));
    }

    [Theory]
    [InlineData("blobEndpoint", "storage.blobEndpoint")]
    [InlineData("queueEndpoint", "storage.queueEndpoint")]
    [InlineData("tableEndpoint", "storage.tableEndpoint")]
    [InlineData("eventGridTopicEndpoint", "eventgrid.endpoint")]
    [InlineData("keyVaultUri", "keyvault.uri")]
    [InlineData("applicationInsightsConnectionString", "monitoring.applicationInsightsConnectionString")]
    public void App_parameter_is_wired_to_the_output_of_the_module_that_creates_the_resource(string parameter, string source)
    {
        Assert.Equal(source, Api.ModuleOutputPassedAs(parameter));
    }

    [Fact]
    public void Storage_settings_are_service_uris_never_connection_strings()
    {
        var names = Api.Variable("baseAppSettings").EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain("AzureWebJobsStorage", names);
        Assert.DoesNotContain("VoiceStorage", names);
    }

    [Fact]
    public void Webhook_signing_key_is_a_key_vault_reference()
    {
        var value = Api.Variable("baseAppSettings").Text("Webhooks__SigningKey");

        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0}secrets/{1}/)'", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Webhooks_to_private_addresses_are_refused_in_azure()
    {
        Assert.Equal("false", Api.Variable("baseAppSettings").Text("Webhooks__AllowPrivateTargets"));
    }

    [Fact]
    public void Durable_task_scheduler_settings_are_added_only_with_that_backend()
    {
        var settings = Api.Variable("durableTaskSchedulerSettings").GetString()!;

        Assert.StartsWith("[if(variables('useDurableTaskScheduler'), createObject('DURABLE_TASK_SCHEDULER_CONNECTION_STRING'", settings, StringComparison.Ordinal);
        Assert.Contains("'TASKHUB_NAME'", settings, StringComparison.Ordinal);
        Assert.Contains("Authentication=ManagedIdentity", settings, StringComparison.Ordinal);
        Assert.Contains("'azureManaged'", settings, StringComparison.Ordinal);
        Assert.Equal("AzureStorage", compiled.Main.DefaultOf("durableBackend").GetString());
        Assert.Equal("[equals(parameters('durableBackend'), 'DurableTaskScheduler')]", compiled.Main.Variable("useDurableTaskScheduler").GetString());
    }

    [Fact]
    public void Durable_task_scheduler_is_deployed_and_granted_only_with_that_backend()
    {
        foreach (var module in new[] { "durable-task-scheduler", "durable-task-scheduler-access" })
        {
            Assert.Equal("[variables('useDurableTaskScheduler')]", compiled.Main.Module(module).Deployment!.Value.Text("condition"));
        }

        var access = compiled.Main.Module("durable-task-scheduler-access");
        var role = Assert.Single(
            access.Resources("Microsoft.Authorization/roleAssignments"),
            r => r.Properties.Text("principalId") == "[parameters('functionAppPrincipalId')]");
        Assert.Equal(BuiltInRoles.DurableTaskDataContributor, role.RoleDefinitionGuid);
        Assert.Equal("api.principalId", access.ModuleOutputPassedAs("functionAppPrincipalId"));
    }

    [Fact]
    public void Function_app_carries_the_azd_service_tag_of_azure_yaml()
    {
        Assert.Contains("'azd-service-name', parameters('serviceName')", Site.Element.Text("tags"), StringComparison.Ordinal);
        Assert.Equal("api", Api.DefaultOf("serviceName").GetString());
    }

    [Fact]
    public void Application_insights_accepts_only_entra_id_telemetry()
    {
        var component = compiled.Main.Sole("Microsoft.Insights/components").Properties;

        Assert.True(component.At("DisableLocalAuth").GetBoolean());
        Assert.Equal("Authorization=AAD", Api.Variable("baseAppSettings").Text("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        Assert.Equal(JsonValueKind.String, component.At("WorkspaceResourceId").ValueKind);
    }
}
