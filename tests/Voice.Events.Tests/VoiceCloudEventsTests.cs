using System.Text.Json.Nodes;
using Azure.Messaging;
using Voice.Core.Events;
using Voice.Events.CloudEvents;

namespace Voice.Events.Tests;

public class VoiceCloudEventsTests
{
    private static readonly VoiceEvent Answered = new()
    {
        Id = "ev-1",
        Type = VoiceEventTypes.CallAnswered,
        AccountId = "AC1",
        Subject = "/calls/c1",
        Time = new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero),
        Sequence = 3,
        WebhookUrl = "https://example.com/status",
        Data = new JsonObject { ["id"] = "c1", ["status"] = "in-progress" },
    };

    [Fact]
    public void Voice_event_becomes_a_cloud_event_with_account_source_subject_and_sequence()
    {
        var cloudEvent = VoiceCloudEvents.ToCloudEvent(Answered);

        Assert.Equal("ev-1", cloudEvent.Id);
        Assert.Equal("/accounts/AC1", cloudEvent.Source);
        Assert.Equal("/calls/c1", cloudEvent.Subject);
        Assert.Equal(VoiceEventTypes.CallAnswered, cloudEvent.Type);
        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Equal("00000000000000000003", cloudEvent.ExtensionAttributes["sequence"]);
        Assert.Equal("https://example.com/status", cloudEvent.ExtensionAttributes["webhookurl"]);
    }

    [Fact]
    public void Structured_json_carries_data_as_an_object_and_reads_back_to_the_same_event()
    {
        var json = System.Text.Encoding.UTF8.GetString(VoiceCloudEvents.ToJsonBytes(VoiceCloudEvents.ToCloudEvent(Answered)));

        var node = JsonNode.Parse(json)!;
        Assert.Equal("1.0", (string?)node["specversion"]);
        Assert.Equal("in-progress", (string?)node["data"]!["status"]);
        var back = VoiceCloudEvents.FromCloudEvent(VoiceCloudEvents.ParseJson(json)!);
        Assert.NotNull(back);
        var sameData = new JsonObject();
        Assert.Equal(Answered with { Data = sameData }, back with { Data = sameData });
        Assert.Equal(Answered.Data.ToJsonString(), back.Data.ToJsonString());
    }

    [Fact]
    public void Padded_sequences_sort_lexicographically_in_numeric_order()
    {
        var nine = (string)VoiceCloudEvents.ToCloudEvent(Answered with { Sequence = 9 }).ExtensionAttributes["sequence"];
        var ten = (string)VoiceCloudEvents.ToCloudEvent(Answered with { Sequence = 10 }).ExtensionAttributes["sequence"];

        Assert.True(string.CompareOrdinal(nine, ten) < 0);
    }

    [Fact]
    public void Event_without_webhook_url_has_no_webhookurl_attribute()
    {
        var cloudEvent = VoiceCloudEvents.ToCloudEvent(Answered with { WebhookUrl = null });

        Assert.False(cloudEvent.ExtensionAttributes.ContainsKey("webhookurl"));
    }

    [Fact]
    public void Foreign_cloud_event_is_not_a_voice_event()
    {
        var foreign = new CloudEvent("/subscriptions/x", "Microsoft.Storage.BlobCreated", new { a = 1 }) { Subject = "/blobs/b" };

        Assert.Null(VoiceCloudEvents.FromCloudEvent(foreign));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"id\":\"x\"}")]
    [InlineData("[1,2]")]
    public void Malformed_json_parses_to_null(string json)
    {
        Assert.Null(VoiceCloudEvents.ParseJson(json));
    }
}
