using System.Net;
using Voice.Core.Recordings;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Api.Tests;

/// <summary>The recordings resource over real Tables and Blob storage (Azurite).</summary>
[Collection(ApiCollection.Name)]
public sealed class RecordingTests
{
    private static readonly DateTimeOffset Saved = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly ApiFixture api;

    public RecordingTests(ApiFixture api)
    {
        this.api = api;
    }

    [Fact]
    public async Task A_saved_recording_is_listed_read_and_its_audio_downloaded()
    {
        var callId = "CArec" + Guid.NewGuid().ToString("N")[..8];
        var audio = new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 5, 6 };
        var recording = await SeedAsync(api.AccountA, callId, $"{callId}:r3", audio);

        using var list = await api.SendAsync(HttpMethod.Get, $"recordings?call_id={callId}", api.KeyA);
        var body = await JsonAssert.BodyAsync(list);
        Assert.Equal(1, body.GetProperty("total").GetInt32());
        var listed = Assert.Single(body.GetProperty("recordings").EnumerateArray());
        JsonAssert.HasExactly(listed, "id", "call_id", "duration_ms", "channels", "size", "format", "media_url", "date_created");
        Assert.Equal((recording.Id, callId, 2500L, 2, 10L, "wav"), (
            listed.GetProperty("id").GetString(), listed.GetProperty("call_id").GetString(), listed.GetProperty("duration_ms").GetInt64(),
            listed.GetProperty("channels").GetInt32(), listed.GetProperty("size").GetInt64(), listed.GetProperty("format").GetString()));
        Assert.Equal("2026-11-23T10:00:00Z", listed.GetProperty("date_created").GetString());

        using var one = await api.SendAsync(HttpMethod.Get, $"recordings/{Uri.EscapeDataString(recording.Id)}", api.KeyA);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var mediaUrl = (await JsonAssert.BodyAsync(one)).GetProperty("media_url").GetString()!;
        Assert.Equal($"/v1/voice/recordings/{Uri.EscapeDataString(recording.Id)}/audio", mediaUrl);

        using var download = await api.SendAsync(HttpMethod.Get, mediaUrl, api.KeyA);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("audio/wav", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(audio, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Another_account_can_neither_see_nor_download_a_recording()
    {
        var callId = "CAiso" + Guid.NewGuid().ToString("N")[..8];
        var recording = await SeedAsync(api.AccountA, callId, $"{callId}:r1", [1, 2, 3]);
        var id = Uri.EscapeDataString(recording.Id);

        using var one = await api.SendAsync(HttpMethod.Get, $"recordings/{id}", api.KeyB);
        await JsonAssert.ErrorAsync(one, 404, "not_found");
        using var download = await api.SendAsync(HttpMethod.Get, $"recordings/{id}/audio", api.KeyB);
        await JsonAssert.ErrorAsync(download, 404, "not_found");
        using var list = await api.SendAsync(HttpMethod.Get, $"recordings?call_id={callId}", api.KeyB);
        Assert.Equal(0, (await JsonAssert.BodyAsync(list)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Audio_whose_blob_is_gone_is_404_and_the_metadata_stays()
    {
        var callId = "CAgone" + Guid.NewGuid().ToString("N")[..8];
        var recording = await SeedAsync(api.AccountA, callId, $"{callId}:r1", audio: null);
        var id = Uri.EscapeDataString(recording.Id);

        using var download = await api.SendAsync(HttpMethod.Get, $"recordings/{id}/audio", api.KeyA);
        await JsonAssert.ErrorAsync(download, 404, "not_found");
        using var one = await api.SendAsync(HttpMethod.Get, $"recordings/{id}", api.KeyA);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
    }

    [Fact]
    public async Task A_conference_recording_is_found_by_conference_id()
    {
        var conferenceId = "CFrec" + Guid.NewGuid().ToString("N")[..8];
        var record = new RecordingRecord
        {
            Id = $"{conferenceId}:r1",
            AccountId = api.AccountA,
            ConferenceId = conferenceId,
            BlobUrl = "http://127.0.0.1/devstoreaccount1/recordings/x.wav",
            DurationMs = 1000,
            Channels = 1,
            SizeBytes = 16_044,
            DateCreated = Saved,
        };
        await api.Services.GetRequiredService<RecordingRepository>().Table.UpsertAsync(record);

        using var list = await api.SendAsync(HttpMethod.Get, $"recordings?conference_id={conferenceId}", api.KeyA);
        var listed = Assert.Single((await JsonAssert.BodyAsync(list)).GetProperty("recordings").EnumerateArray());
        Assert.Equal(conferenceId, listed.GetProperty("conference_id").GetString());
        Assert.False(listed.TryGetProperty("call_id", out _));
    }

    [Fact]
    public async Task An_unknown_recording_is_404()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "recordings/CAnope:r1", api.KeyA);

        await JsonAssert.ErrorAsync(response, 404, "not_found");
    }

    [Theory]
    [InlineData("recordings?call_id=", "call_id")]
    [InlineData("recordings?call_id=a&call_id=b", "call_id")]
    [InlineData("recordings?conference_id=", "conference_id")]
    [InlineData("recordings?page=0", "page")]
    [InlineData("recordings?page_size=101", "page_size")]
    public async Task Bad_list_parameters_get_400_naming_the_parameter(string path, string field)
    {
        using var response = await api.SendAsync(HttpMethod.Get, path, api.KeyA);

        await JsonAssert.ErrorAsync(response, 400, "invalid_parameter", field);
    }

    [Fact]
    public async Task Recordings_need_an_api_key()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "recordings", key: null);

        await JsonAssert.ErrorAsync(response, 401, "unauthorized");
    }

    /// <summary>Stores a recording row as the lifecycle's SaveRecording effect does, and its audio blob unless null.</summary>
    private async Task<RecordingRecord> SeedAsync(string accountId, string callId, string recordingId, byte[]? audio)
    {
        var blob = api.Storage.Blobs.GetBlobContainerClient(MediaQueues.RecordingsContainer).GetBlobClient(recordingId + ".wav");
        if (audio is not null)
        {
            await blob.UploadAsync(new BinaryData(audio), overwrite: true);
        }

        var record = new RecordingRecord
        {
            Id = recordingId,
            AccountId = accountId,
            CallId = callId,
            BlobUrl = blob.Uri.ToString(),
            DurationMs = 2500,
            Channels = 2,
            SizeBytes = audio?.Length ?? 0,
            DateCreated = Saved,
        };
        await api.Services.GetRequiredService<RecordingRepository>().Table.UpsertAsync(record);
        return record;
    }
}
