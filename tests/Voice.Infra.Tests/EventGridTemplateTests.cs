namespace Voice.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class EventGridTemplateTests(CompiledMainTemplate compiled)
{
    private ArmResource Subscription => compiled.Main.Sole("Microsoft.EventGrid/topics/eventSubscriptions");

    [Fact]
    public void Topic_takes_cloud_events_1_0_and_only_entra_id_publishers()
    {
        var topic = compiled.Main.Sole("Microsoft.EventGrid/topics");

        Assert.Equal("CloudEventSchemaV1_0", topic.Properties.Text("inputSchema"));
        Assert.True(topic.Properties.At("disableLocalAuth").GetBoolean());
        Assert.Equal("SystemAssigned", topic.Element.Text("identity", "type"));
    }

    [Fact]
    public void Subscription_delivers_cloud_events_to_the_WebhookDispatcher_function()
    {
        var destination = Subscription.Properties.At("destination");

        Assert.Equal("CloudEventSchemaV1_0", Subscription.Properties.Text("eventDeliverySchema"));
        Assert.Equal("AzureFunction", destination.Text("endpointType"));
        Assert.Equal(
            "[format('{0}/functions/{1}', resourceId('Microsoft.Web/sites', parameters('functionAppName')), parameters('functionName'))]",
            destination.Text("properties", "resourceId"));
        Assert.Equal("WebhookDispatcher", Subscription.Template.DefaultOf("functionName").GetString());
    }

    [Fact]
    public void Subscription_retries_and_dead_letters_to_the_deadletter_container_with_the_topic_identity()
    {
        var deadLetter = Subscription.Properties.At("deadLetterWithResourceIdentity");

        Assert.Equal("[parameters('maxDeliveryAttempts')]", Subscription.Properties.Text("retryPolicy", "maxDeliveryAttempts"));
        Assert.Equal("[parameters('eventTimeToLiveInMinutes')]", Subscription.Properties.Text("retryPolicy", "eventTimeToLiveInMinutes"));
        Assert.Equal(30, Subscription.Template.DefaultOf("maxDeliveryAttempts").GetInt32());
        Assert.Equal("SystemAssigned", deadLetter.Text("identity", "type"));
        Assert.Equal("StorageBlob", deadLetter.Text("deadLetterDestination", "endpointType"));
        Assert.Equal("[parameters('deadLetterContainerName')]", deadLetter.Text("deadLetterDestination", "properties", "blobContainerName"));
        Assert.Equal("deadletter", compiled.Main.ResolveString(Subscription.Template.PassedValue("deadLetterContainerName")));
    }

    [Fact]
    public void Subscription_is_optional_and_on_by_default()
    {
        var module = compiled.Main.Module("webhook-subscription");

        Assert.Equal("[parameters('deployIngestSubscription')]", module.Deployment!.Value.Text("condition"));
        Assert.True(compiled.Main.DefaultOf("deployIngestSubscription").GetBoolean());
        Assert.Contains("rbac", module.Deployment!.Value.At("dependsOn").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void App_publishes_to_the_topic_endpoint()
    {
        Assert.Equal("eventgrid.endpoint", compiled.Main.Module("api").ModuleOutputPassedAs("eventGridTopicEndpoint"));
        Assert.Equal("[parameters('eventGridTopicEndpoint')]", compiled.Main.Module("api").Variable("baseAppSettings").Text("EventGrid__TopicEndpoint"));
    }
}
