namespace Voice.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class MainTemplateBuildTests(CompiledMainTemplate compiled)
{
    [Fact]
    public void Main_template_builds_without_diagnostics()
    {
        Assert.True(compiled.Build.IsClean, compiled.Build.ToString());
    }

    [Fact]
    public void Template_never_reads_or_embeds_storage_keys()
    {
        var json = compiled.Build.StandardOutput;

        Assert.DoesNotContain("listKeys(", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Main_deploys_into_a_resource_group_so_az_deployment_group_create_works()
    {
        Assert.Contains("deploymentTemplate.json", compiled.Main.Root.Text("$schema"), StringComparison.Ordinal);
        Assert.DoesNotContain("subscriptionDeploymentTemplate", compiled.Main.Root.Text("$schema"), StringComparison.Ordinal);
    }
}
