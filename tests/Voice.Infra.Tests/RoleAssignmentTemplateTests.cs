namespace Voice.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class RoleAssignmentTemplateTests(CompiledMainTemplate compiled)
{
    private ArmTemplate Rbac => compiled.Main.Module("rbac");

    private List<string> RolesOf(string principalParameter) =>
        Rbac.Resources("Microsoft.Authorization/roleAssignments")
            .Where(r => r.Properties.Text("principalId") == $"[parameters('{principalParameter}')]")
            .Select(r => r.RoleDefinitionGuid)
            .ToList();

    [Theory]
    [InlineData(BuiltInRoles.StorageBlobDataOwner)]
    [InlineData(BuiltInRoles.StorageQueueDataContributor)]
    [InlineData(BuiltInRoles.StorageTableDataContributor)]
    [InlineData(BuiltInRoles.EventGridDataSender)]
    [InlineData(BuiltInRoles.KeyVaultSecretsUser)]
    [InlineData(BuiltInRoles.MonitoringMetricsPublisher)]
    public void Function_app_identity_is_granted_role(string role)
    {
        Assert.Contains(role, RolesOf("functionAppPrincipalId"));
    }

    [Theory]
    [InlineData(BuiltInRoles.StorageQueueDataContributor)]
    [InlineData(BuiltInRoles.StorageBlobDataContributor)]
    [InlineData(BuiltInRoles.KeyVaultSecretsUser)]
    public void Media_node_identity_is_granted_role(string role)
    {
        Assert.Contains(role, RolesOf("mediaNodePrincipalId"));
    }

    [Fact]
    public void Function_app_may_read_every_queue_of_the_account_including_webhook_events()
    {
        var assignment = Assert.Single(
            Rbac.Resources("Microsoft.Authorization/roleAssignments"),
            r => r.Properties.Text("principalId") == "[parameters('functionAppPrincipalId')]"
                && r.RoleDefinitionGuid == BuiltInRoles.StorageQueueDataContributor);

        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", assignment.Element.Text("scope"));
        Assert.Equal(compiled.Main.Module("webhook-subscription").PassedValue("storageAccountName"), Rbac.PassedValue("storageAccountName"));
    }

    [Fact]
    public void Topic_identity_may_only_send_to_the_webhook_events_queue_and_write_its_dead_letter_container()
    {
        var assignments = Rbac.Resources("Microsoft.Authorization/roleAssignments")
            .Where(r => r.Properties.Text("principalId") == "[parameters('eventGridTopicPrincipalId')]")
            .ToDictionary(r => r.RoleDefinitionGuid);

        Assert.Equal(2, assignments.Count);
        Assert.Equal(
            "[resourceId('Microsoft.Storage/storageAccounts/queueServices/queues', parameters('storageAccountName'), 'default', parameters('webhookEventsQueueName'))]",
            assignments[BuiltInRoles.StorageQueueDataMessageSender].Element.Text("scope"));
        Assert.Equal(
            "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('storageAccountName'), 'default', parameters('webhookEventsDeadLetterContainerName'))]",
            assignments[BuiltInRoles.StorageBlobDataContributor].Element.Text("scope"));
    }

    [Fact]
    public void Topic_roles_cover_the_queue_and_container_the_subscription_uses()
    {
        var subscription = compiled.Main.Module("webhook-subscription");

        Assert.Equal(subscription.PassedValue("queueName"), Rbac.PassedValue("webhookEventsQueueName"));
        Assert.Equal(subscription.PassedValue("deadLetterContainerName"), Rbac.PassedValue("webhookEventsDeadLetterContainerName"));
        Assert.Equal("webhook-events", compiled.Main.ResolveString(Rbac.PassedValue("webhookEventsQueueName")));
        Assert.Equal("webhook-events-deadletter", compiled.Main.ResolveString(Rbac.PassedValue("webhookEventsDeadLetterContainerName")));
    }

    [Fact]
    public void Every_workload_assignment_is_for_a_service_principal()
    {
        var workload = compiled.Main.Resources("Microsoft.Authorization/roleAssignments")
            .Where(r => r.Properties.Text("principalId") != "[parameters('deployerPrincipalId')]")
            .ToList();

        Assert.Equal(13, workload.Count);
        Assert.All(workload, r => Assert.Equal("ServicePrincipal", r.Properties.Text("principalType")));
    }

    [Fact]
    public void Deployer_manages_vault_secrets_only_when_an_id_is_given()
    {
        var deployer = compiled.Main.Resources("Microsoft.Authorization/roleAssignments")
            .Where(r => r.Properties.Text("principalId") == "[parameters('deployerPrincipalId')]")
            .ToList();

        Assert.Contains(deployer, r => r.RoleDefinitionGuid == BuiltInRoles.KeyVaultSecretsOfficer);
        Assert.All(deployer, r => Assert.Equal("[not(empty(parameters('deployerPrincipalId')))]", r.Element.Text("condition")));
        Assert.Equal(string.Empty, compiled.Main.DefaultOf("deployerPrincipalId").GetString());
        Assert.Equal("[parameters('deployerPrincipalId')]", Rbac.PassedValue("deployerPrincipalId"));
    }

    [Fact]
    public void Principals_come_from_the_app_the_media_node_identity_and_the_topic()
    {
        Assert.Equal("api.principalId", Rbac.ModuleOutputPassedAs("functionAppPrincipalId"));
        Assert.Equal("media-node-identity.principalId", Rbac.ModuleOutputPassedAs("mediaNodePrincipalId"));
        Assert.Equal("eventgrid.principalId", Rbac.ModuleOutputPassedAs("eventGridTopicPrincipalId"));
        Assert.Contains("identity.principalId", compiled.Main.Module("api").Root.Text("outputs", "principalId", "value"), StringComparison.Ordinal);
    }

    [Fact]
    public void Media_nodes_use_the_identity_that_holds_their_roles()
    {
        var scaleSet = compiled.Main.Sole("Microsoft.Compute/virtualMachineScaleSets");
        var mediaNode = compiled.Main.Module("media-node");

        Assert.Equal("UserAssigned", scaleSet.Element.Text("identity", "type"));
        Assert.Contains("parameters('identityId')", scaleSet.Element.At("identity", "userAssignedIdentities").ToString(), StringComparison.Ordinal);
        Assert.Equal("media-node-identity.id", mediaNode.ModuleOutputPassedAs("identityId"));
        Assert.Equal("media-node-identity.clientId", mediaNode.ModuleOutputPassedAs("identityClientId"));
    }
}
