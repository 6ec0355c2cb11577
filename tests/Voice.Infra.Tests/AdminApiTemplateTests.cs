using System.Text.Json;

namespace Voice.Infra.Tests;

/// <summary>
/// The admin API's Microsoft Entra ID settings in the compiled template: the tenant, the app registration's client id
/// and the operator group reach the Functions app as <c>AdminAuth__*</c> settings (what EntraOperatorOptions reads),
/// from parameters azd fills, and no key of any kind stands in for them.
/// </summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class AdminApiTemplateTests(CompiledMainTemplate compiled)
{
    private ArmTemplate Api => compiled.Main.Module("api");

    [Theory]
    [InlineData("AdminAuth__TenantId", "adminTenantId")]
    [InlineData("AdminAuth__ClientId", "adminClientId")]
    [InlineData("AdminAuth__OperatorGroupId", "operatorGroupObjectId")]
    public void Admin_auth_setting_is_taken_from_the_matching_module_parameter(string setting, string parameter)
    {
        Assert.Equal($"[parameters('{parameter}')]", Api.Variable("baseAppSettings").Text(setting));
    }

    [Fact]
    public void The_operator_role_is_the_one_the_code_checks_by_default()
    {
        Assert.Equal("Voice.Operator", Api.Variable("baseAppSettings").Text("AdminAuth__OperatorRole"));
    }

    [Theory]
    [InlineData("adminClientId")]
    [InlineData("operatorGroupObjectId")]
    public void Client_and_group_are_passed_through_from_main_and_empty_by_default(string parameter)
    {
        Assert.Equal($"[parameters('{parameter}')]", Api.PassedValue(parameter));
        Assert.Equal(string.Empty, compiled.Main.DefaultOf(parameter).GetString());
    }

    [Fact]
    public void An_empty_tenant_means_the_tenant_of_the_deployment()
    {
        var tenant = compiled.Main.Variable("adminTenant").GetString();

        Assert.Equal("[variables('adminTenant')]", Api.PassedValue("adminTenantId"));
        Assert.Contains("empty(parameters('adminTenantId'))", tenant, StringComparison.Ordinal);
        Assert.Contains("tenant().tenantId", tenant, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("adminTenantId", "${ADMIN_TENANT_ID=}")]
    [InlineData("adminClientId", "${ADMIN_CLIENT_ID=}")]
    [InlineData("operatorGroupObjectId", "${OPERATOR_GROUP_OBJECT_ID=}")]
    public void Azd_fills_them_from_its_environment(string parameter, string value)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Voice.Testing.RepositoryRoot.Path, "infra", "main.parameters.json")));

        Assert.Equal(value, file.RootElement.GetProperty("parameters").GetProperty(parameter).GetProperty("value").GetString());
    }

    [Fact]
    public void No_admin_setting_is_a_key_or_secret()
    {
        var admin = Api.Variable("baseAppSettings").EnumerateObject().Where(p => p.Name.StartsWith("AdminAuth__", StringComparison.Ordinal)).Select(p => p.Name).ToList();

        Assert.Equal(4, admin.Count);
        Assert.DoesNotContain(admin, n => n.Contains("Key", StringComparison.OrdinalIgnoreCase) || n.Contains("Secret", StringComparison.OrdinalIgnoreCase));
    }
}
