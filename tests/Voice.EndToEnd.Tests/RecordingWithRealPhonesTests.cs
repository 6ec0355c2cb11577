using System.Text.Json;
using Azure.Storage.Blobs;
using Voice.Media.Playback;
using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>
/// A call placed with <c>record: true</c> is recorded to Blob storage, reported to its status_callback, and listed with
/// its audio under <c>/recordings</c>.
/// </summary>
[Collection(ProductCollection.Name)]
public sealed class RecordingWithRealPhonesTests
{
    private readonly ProductFixture product;

    public RecordingWithRealPhonesTests(ProductFixture product)
    {
        this.product = product;
    }

    [Fact]
    public async Task Recorded_call_lands_in_blob_storage_with_the_reported_duration_and_two_channels()
    {
        await using var webhooks = await CallFlowWebhooks.AnsweringAsync("/answer", """[{"action":"talk","text":"This call is recorded. One, two, three, four, five."}]""");
        await using var phone = await Baresip.StartAsync("auto", toneHz: 700);
        var url = $"http://127.0.0.1:{webhooks.Port}";

        var id = await product.PlaceCallAsync($$"""{"to":"{{phone.Uri}}","from":"{{ProductFixture.Number}}","url":"{{url}}/answer","status_callback":"{{url}}/status","record":true}""");
        await phone.EventAsync("CALL_CLOSED", 60);
        await product.CallReachesAsync(id, "completed");

        await webhooks.WaitForAsync(w => w.Requests.Any(r => r.Path == "/status" && r.BodyText.Contains("recording_url", StringComparison.Ordinal)), "the recording callback");
        var data = JsonDocument.Parse(webhooks.Requests.First(r => r.Path == "/status" && r.BodyText.Contains("recording_url", StringComparison.Ordinal)).BodyText)
            .RootElement.GetProperty("data");
        Assert.Equal(2, data.GetProperty("channels").GetInt32());
        var reportedMs = data.GetProperty("duration_ms").GetInt64();
        Assert.True(reportedMs > 1500, $"the recording should last the talk ({reportedMs} ms)");

        var blobUrl = new BlobUriBuilder(new Uri(data.GetProperty("recording_url").GetString()!));
        Assert.Equal("recordings", blobUrl.BlobContainerName);
        var blob = new BlobServiceClient(product.StorageConnectionString).GetBlobContainerClient(blobUrl.BlobContainerName).GetBlobClient(blobUrl.BlobName);
        var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        Assert.True(WavFile.TryParse(bytes, out var wav, out var error), error);
        Assert.Equal(2, BitConverter.ToInt16(bytes, 22)); // the fmt chunk's channel count (the recorder writes a canonical header)
        Assert.InRange((long)wav.Duration.TotalMilliseconds, reportedMs - 100, reportedMs + 100);

        // The metadata row, and the same audio through the API.
        var listed = await product.GetAsync($"recordings?call_id={id}");
        var recording = Assert.Single(listed.GetProperty("recordings").EnumerateArray());
        Assert.Equal(data.GetProperty("recording_id").GetString(), recording.GetProperty("id").GetString());
        Assert.Equal((reportedMs, 2, (long)bytes.Length), (recording.GetProperty("duration_ms").GetInt64(), recording.GetProperty("channels").GetInt32(), recording.GetProperty("size").GetInt64()));
        Assert.Equal(bytes, await product.GetBytesAsync(recording.GetProperty("media_url").GetString()!));
    }
}
