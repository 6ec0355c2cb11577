using System.Text.Json;

namespace Voice.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class MediaNodeTemplateTests(CompiledMainTemplate compiled)
{
    private const string RtpRange = "[format('{0}-{1}', parameters('rtpPortMin'), parameters('rtpPortMax'))]";

    private ArmResource ScaleSet => compiled.Main.Sole("Microsoft.Compute/virtualMachineScaleSets");

    private List<JsonElement> Rules =>
        compiled.Main.Sole("Microsoft.Network/networkSecurityGroups").Properties.At("securityRules").EnumerateArray().ToList();

    private ArmTemplate MediaNode => compiled.Main.Module("media-node");

    [Fact]
    public void Nsg_allows_inbound_exactly_sip_over_udp_and_tcp_and_the_rtp_range_over_udp()
    {
        var allowed = Rules
            .Where(r => r.Text("properties", "access") == "Allow")
            .Select(r => (Direction: r.Text("properties", "direction"), Protocol: r.Text("properties", "protocol"), Ports: r.Text("properties", "destinationPortRange")))
            .OrderBy(r => r.Protocol + r.Ports, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
            [("Inbound", "Tcp", "5060"), ("Inbound", "Udp", "5060"), ("Inbound", "Udp", RtpRange)],
            allowed);
        Assert.All(Rules, r => Assert.False(r.Has("properties", "destinationPortRanges")));
    }

    [Fact]
    public void Ssh_is_denied_unless_a_source_range_is_given()
    {
        var ssh = Assert.Single(Rules, r => r.Text("properties", "destinationPortRange") == "22");

        Assert.Equal("[if(empty(parameters('sshSourceAddressPrefix')), 'Deny', 'Allow')]", ssh.Text("properties", "access"));
        Assert.Equal(string.Empty, compiled.Main.DefaultOf("sshSourceAddressPrefix").GetString());
        Assert.Equal("[parameters('sshSourceAddressPrefix')]", compiled.Main.Module("media-network").PassedValue("sshSourceAddressPrefix"));
    }

    [Fact]
    public void Nsg_and_media_node_share_the_configured_rtp_range()
    {
        var network = compiled.Main.Module("media-network");
        foreach (var parameter in new[] { "rtpPortMin", "rtpPortMax" })
        {
            Assert.Equal($"[parameters('{parameter}')]", network.PassedValue(parameter));
            Assert.Equal($"[parameters('{parameter}')]", MediaNode.PassedValue(parameter));
        }

        Assert.Equal(20000, compiled.Main.DefaultOf("rtpPortMin").GetInt32());
        Assert.Equal(20999, compiled.Main.DefaultOf("rtpPortMax").GetInt32());
        var environment = MediaNode.Variable("containerEnvironment").ToString();
        Assert.Contains("MediaNode__Rtp__PortMin={0}', parameters('rtpPortMin')", environment, StringComparison.Ordinal);
        Assert.Contains("MediaNode__Rtp__PortMax={0}', parameters('rtpPortMax')", environment, StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_set_is_flexible_with_a_public_ip_per_instance()
    {
        var profile = ScaleSet.Properties.At("virtualMachineProfile");
        var ipConfiguration = profile.At("networkProfile", "networkInterfaceConfigurations")[0].At("properties", "ipConfigurations")[0];

        Assert.Equal("Flexible", ScaleSet.Properties.Text("orchestrationMode"));
        Assert.Equal("Standard", ipConfiguration.Text("properties", "publicIPAddressConfiguration", "sku", "name"));
        Assert.Equal("[parameters('instanceCount')]", ScaleSet.Element.Text("sku", "capacity"));
        Assert.Equal(1, compiled.Main.DefaultOf("mediaNodeInstanceCount").GetInt32());
    }

    [Fact]
    public void Scale_set_allows_ssh_keys_only()
    {
        var linux = ScaleSet.Properties.At("virtualMachineProfile", "osProfile", "linuxConfiguration");

        Assert.True(linux.At("disablePasswordAuthentication").GetBoolean());
        Assert.Equal("[parameters('sshPublicKey')]", linux.At("ssh", "publicKeys")[0].Text("keyData"));
        Assert.False(compiled.Main.Root.At("parameters", "sshPublicKey").TryGetProperty("defaultValue", out _));
    }

    [Theory]
    [InlineData("VoiceStorage__queueServiceUri")]
    [InlineData("VoiceStorage__blobServiceUri")]
    [InlineData("MediaNode__Sip__ListenAddress")]
    [InlineData("MediaNode__Trunk__Uri")]
    [InlineData("MediaNode__Trunk__Username")]
    [InlineData("MediaNode__Trunk__PasswordSecretUri")]
    public void Media_node_container_gets_setting(string setting)
    {
        Assert.Contains(setting + "=", MediaNode.Variable("containerEnvironment").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Boot_configuration_embeds_the_start_script_and_runs_it_as_a_service()
    {
        var variables = MediaNode.Root.At("variables").EnumerateObject().Select(v => v.Value.ToString()).ToList();
        var script = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(Voice.Testing.RepositoryRoot.Path, "infra", "app", "media-node-start.sh")));
        var cloudInit = variables.Single(v => v.StartsWith("#cloud-config", StringComparison.Ordinal));

        Assert.Contains(script, variables);
        Assert.Contains("__START_SCRIPT_BASE64__", cloudInit, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/usr/local/bin/voice-media-node", cloudInit, StringComparison.Ordinal);
        Assert.Contains("EnvironmentFile=/etc/voice/media-node-host.env", cloudInit, StringComparison.Ordinal);
        Assert.Equal("[base64(variables('cloudInit'))]", ScaleSet.Properties.Text("virtualMachineProfile", "osProfile", "customData"));
    }

    [Fact]
    public void Container_image_is_a_parameter_with_a_placeholder_default()
    {
        Assert.Equal("ghcr.io/OWNER/voice-media-node:latest", compiled.Main.DefaultOf("mediaNodeImage").GetString());
        Assert.Equal("[parameters('mediaNodeImage')]", MediaNode.PassedValue("image"));
        Assert.Contains("MEDIA_NODE_IMAGE={0}', parameters('image')", MediaNode.Variable("hostEnvironment").ToString(), StringComparison.Ordinal);
    }
}
