using System.Text.Json;

namespace Voice.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class StorageTemplateTests(CompiledMainTemplate compiled)
{
    private JsonElement Account => compiled.Main.Sole("Microsoft.Storage/storageAccounts").Properties;

    [Fact]
    public void Storage_account_refuses_shared_key_access()
    {
        Assert.False(Account.At("allowSharedKeyAccess").GetBoolean());
        Assert.True(Account.At("defaultToOAuthAuthentication").GetBoolean());
    }

    [Fact]
    public void Storage_account_accepts_only_https_with_tls_1_2()
    {
        Assert.True(Account.At("supportsHttpsTrafficOnly").GetBoolean());
        Assert.Equal("TLS1_2", Account.Text("minimumTlsVersion"));
    }

    [Fact]
    public void Storage_account_allows_no_public_blob_access()
    {
        Assert.False(Account.At("allowBlobPublicAccess").GetBoolean());
        var container = compiled.Main.Sole("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal("None", container.Element.Text("properties", "publicAccess"));
    }

    [Fact]
    public void Storage_has_the_product_containers_and_the_media_and_webhook_queues()
    {
        var storage = compiled.Main.Module("storage");
        var containers = storage.PassedElement("containers").EnumerateArray().Select(c => compiled.Main.ResolveString(c.GetString()!)).ToList();
        var queues = storage.PassedElement("queues").EnumerateArray().Select(q => compiled.Main.ResolveString(q.GetString()!)).ToList();

        Assert.Contains("recordings", containers);
        Assert.Contains("deadletter", containers);
        Assert.Contains("webhook-events-deadletter", containers);
        Assert.Contains(containers, c => c.StartsWith("[format('app-package-", StringComparison.Ordinal));
        Assert.Equal(["media-commands", "media-events", "webhook-events"], queues);
    }

    [Fact]
    public void Key_vault_uses_rbac_and_soft_delete()
    {
        var vault = compiled.Main.Sole("Microsoft.KeyVault/vaults").Properties;

        Assert.True(vault.At("enableRbacAuthorization").GetBoolean());
        Assert.True(vault.At("enableSoftDelete").GetBoolean());
    }

    [Fact]
    public void Key_vault_secrets_are_only_written_when_a_value_is_given()
    {
        var secrets = compiled.Main.Resources("Microsoft.KeyVault/vaults/secrets").ToList();

        Assert.Equal(2, secrets.Count);
        Assert.All(secrets, s => Assert.StartsWith("[not(empty(parameters(", s.Element.Text("condition"), StringComparison.Ordinal));
        Assert.Equal("securestring", compiled.Main.Root.Text("parameters", "webhookSigningKey", "type"));
        Assert.Equal("securestring", compiled.Main.Root.Text("parameters", "trunkPassword", "type"));
    }
}
