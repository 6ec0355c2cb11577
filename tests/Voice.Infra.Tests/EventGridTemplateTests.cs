using System.Text.Json;

namespace Voice.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class EventGridTemplateTests(CompiledMainTemplate compiled)
{
    private ArmResource Subscription => compiled.Main.Sole("Microsoft.EventGrid/topics/eventSubscriptions");

    private ArmTemplate SubscriptionModule => compiled.Main.Module("webhook-subscription");

    [Fact]
    public void Topic_takes_cloud_events_1_0_and_only_entra_id_publishers()
    {
        var topic = compiled.Main.Sole("Microsoft.EventGrid/topics");

        Assert.Equal("CloudEventSchemaV1_0", topic.Properties.Text("inputSchema"));
        Assert.True(topic.Properties.At("disableLocalAuth").GetBoolean());
        Assert.Equal("SystemAssigned", topic.Element.Text("identity", "type"));
    }

    [Fact]
    public void Subscription_writes_cloud_events_to_the_webhook_events_queue_with_the_topic_identity()
    {
        var delivery = Subscription.Properties.At("deliveryWithResourceIdentity");
        var destination = delivery.At("destination");

        Assert.Equal("CloudEventSchemaV1_0", Subscription.Properties.Text("eventDeliverySchema"));
        Assert.Equal("SystemAssigned", delivery.Text("identity", "type"));
        Assert.Equal("StorageQueue", destination.Text("endpointType"));
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", destination.Text("properties", "resourceId"));
        Assert.Equal("[parameters('queueName')]", destination.Text("properties", "queueName"));
        Assert.Equal("webhook-events", compiled.Main.ResolveString(SubscriptionModule.PassedValue("queueName")));
    }

    [Fact]
    public void Queue_messages_outlive_an_outage_of_the_app()
    {
        Assert.Equal("[parameters('queueMessageTimeToLiveInSeconds')]", Subscription.Properties.Text("deliveryWithResourceIdentity", "destination", "properties", "queueMessageTimeToLiveInSeconds"));
        Assert.Equal(7 * 24 * 3600, SubscriptionModule.DefaultOf("queueMessageTimeToLiveInSeconds").GetInt32());
    }

    [Fact]
    public void Subscription_no_longer_targets_an_event_grid_trigger_or_uses_keys()
    {
        // The only endpoints are the queue and the dead-letter container, both reached with the topic's identity:
        // no top-level (identity-less) destination or dead-letter destination, no function or webhook endpoint.
        Assert.False(Subscription.Properties.Has("destination"));
        Assert.False(Subscription.Properties.Has("deadLetterDestination"));
        Assert.Equal(["StorageBlob", "StorageQueue"], EndpointTypes(Subscription.Properties).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("/functions/", Subscription.Element.ToString(), StringComparison.Ordinal);
        Assert.False(SubscriptionModule.Root.Has("parameters", "functionAppName"));
        Assert.False(SubscriptionModule.Root.Has("parameters", "functionName"));
    }

    [Fact]
    public void Queue_and_dead_letter_container_are_in_the_account_the_app_uses_as_VoiceStorage()
    {
        var storage = compiled.Main.Module("storage");

        Assert.Equal("[variables('storageAccountName')]", storage.PassedValue("name"));
        Assert.Equal("[variables('storageAccountName')]", SubscriptionModule.PassedValue("storageAccountName"));
        Assert.Equal("storage.queueEndpoint", compiled.Main.Module("api").ModuleOutputPassedAs("queueEndpoint"));
        Assert.Equal("[parameters('queueEndpoint')]", compiled.Main.Module("api").Variable("baseAppSettings").Text("VoiceStorage__queueServiceUri"));
    }

    [Fact]
    public void Subscription_retries_and_dead_letters_to_its_own_container_with_the_topic_identity()
    {
        var deadLetter = Subscription.Properties.At("deadLetterWithResourceIdentity");

        Assert.Equal("[parameters('maxDeliveryAttempts')]", Subscription.Properties.Text("retryPolicy", "maxDeliveryAttempts"));
        Assert.Equal("[parameters('eventTimeToLiveInMinutes')]", Subscription.Properties.Text("retryPolicy", "eventTimeToLiveInMinutes"));
        Assert.Equal(30, SubscriptionModule.DefaultOf("maxDeliveryAttempts").GetInt32());
        Assert.Equal(1440, SubscriptionModule.DefaultOf("eventTimeToLiveInMinutes").GetInt32());
        Assert.Equal("SystemAssigned", deadLetter.Text("identity", "type"));
        Assert.Equal("StorageBlob", deadLetter.Text("deadLetterDestination", "endpointType"));
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", deadLetter.Text("deadLetterDestination", "properties", "resourceId"));
        Assert.Equal("[parameters('deadLetterContainerName')]", deadLetter.Text("deadLetterDestination", "properties", "blobContainerName"));
        Assert.Equal("webhook-events-deadletter", compiled.Main.ResolveString(SubscriptionModule.PassedValue("deadLetterContainerName")));
    }

    [Fact]
    public void Subscription_is_optional_and_on_by_default()
    {
        var module = SubscriptionModule;

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

    private static IEnumerable<string> EndpointTypes(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
                p.Name == "endpointType" ? [p.Value.GetString()!] : EndpointTypes(p.Value)),
            JsonValueKind.Array => element.EnumerateArray().SelectMany(EndpointTypes),
            _ => [],
        };
}
