using System.Net;
using System.Net.Http.Headers;
using Voice.Core.Calls;
using Voice.Core.Recordings;
using Voice.Engine.Analytics;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Api.Tests.Analytics;

/// <summary>Conversations, analytics rollups and recordings by conversation over Azurite and real HTTP (Bearer keys).</summary>
[Collection(ApiCollection.Name)]
public sealed class VoiceAnalyticsTests(ApiFixture api)
{
    [Fact]
    public async Task Metrics_count_ended_calls_once_even_when_their_rows_are_written_again()
    {
        // A day of its own per test run, so other tests' calls do not count.
        var day = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(0, 3000));
        var answered = await SeedCallAsync(day.AddHours(10), CallStatus.Completed, durationSeconds: 100, recorded: true, "thank you, that was great");
        await SeedCallAsync(day.AddHours(10).AddMinutes(5), CallStatus.Completed, durationSeconds: 50, recorded: false, "this is terrible and useless");
        await SeedCallAsync(day.AddHours(13), CallStatus.NoAnswer, durationSeconds: null, recorded: false);
        var analytics = api.Services.GetRequiredService<ConversationAnalytics>();
        await analytics.RecountAsync(api.AccountA, answered); // redelivered: changes nothing
        await analytics.RecountAsync(api.AccountA, answered);

        var date = day.ToString("yyyy-MM-dd");
        using var overview = await GetAsync($"/api/voice/analytics/detailed?start_date={date}&end_date={date}");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        var metrics = (await JsonAssert.BodyAsync(overview)).GetProperty("metrics");
        Assert.Equal(3, metrics.GetProperty("total_calls").GetInt32());
        Assert.Equal(2, metrics.GetProperty("completed_calls").GetInt32());
        Assert.Equal(1, metrics.GetProperty("incomplete_calls").GetInt32());
        Assert.Equal(75.0, metrics.GetProperty("avg_duration_seconds").GetDouble());
        Assert.Equal(0.3333, metrics.GetProperty("recording_availability_rate").GetDouble());
        var sentiment = metrics.GetProperty("sentiment_distribution");
        Assert.Equal((1, 1, 1), (sentiment.GetProperty("positive").GetInt32(), sentiment.GetProperty("neutral").GetInt32(), sentiment.GetProperty("negative").GetInt32()));
        Assert.Equal("public, max-age=60", overview.Headers.CacheControl?.ToString());
        Assert.Equal("60", overview.Headers.GetValues("X-RateLimit-Limit").Single());
        var etag = overview.Headers.ETag!;

        using var again = await GetAsync($"/api/voice/analytics/detailed?start_date={date}&end_date={date}", request => request.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);

        using var timeline = await GetAsync($"/api/voice/analytics/timeline?bucket=hour&start_date={date}&end_date={date}");
        Assert.Equal("public, max-age=300", timeline.Headers.CacheControl?.ToString());
        var buckets = (await JsonAssert.BodyAsync(timeline)).GetProperty("timeline").EnumerateArray()
            .Select(b => (b.GetProperty("bucket").GetString(), b.GetProperty("call_count").GetInt32())).ToList();
        Assert.Equal([(date + "T10:00:00Z", 2), (date + "T13:00:00Z", 1)], buckets);

        await SeedCallAsync(day.AddHours(20), CallStatus.Completed, durationSeconds: 10, recorded: false);
        using var changed = await GetAsync($"/api/voice/analytics/detailed?start_date={date}&end_date={date}", request => request.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task A_conversation_has_its_transcript_and_its_recording()
    {
        var callId = await SeedCallAsync(DateTimeOffset.UtcNow.AddMinutes(-5), CallStatus.Completed, 30, recorded: true, "hello there");
        using var recording = await GetAsync($"/api/voice/recordings/{callId}");
        Assert.Equal(HttpStatusCode.OK, recording.StatusCode);
        var body = (await JsonAssert.BodyAsync(recording)).GetProperty("recording");
        Assert.True(body.GetProperty("available").GetBoolean());
        var url = body.GetProperty("urls")[0].GetString()!;
        using var audio = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal([1, 2, 3], await audio.Content.ReadAsByteArrayAsync());

        using var messages = await GetAsync($"/api/conversations/{callId}/messages");
        var turn = Assert.Single((await JsonAssert.BodyAsync(messages)).EnumerateArray());
        Assert.Equal(("user", "hello there"), (turn.GetProperty("role").GetString(), turn.GetProperty("content").GetString()));

        using var list = await GetAsync("/api/conversations?channel=voice&status=completed&limit=200");
        Assert.Contains(callId, (await JsonAssert.BodyAsync(list)).GetProperty("conversations").EnumerateArray().Select(c => c.GetProperty("id").GetString()));

        var silent = await SeedCallAsync(DateTimeOffset.UtcNow.AddMinutes(-5), CallStatus.Completed, 30, recorded: false);
        using var none = await GetAsync($"/api/voice/recordings/{silent}");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.False((await JsonAssert.BodyAsync(none)).GetProperty("recording").GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task Errors_have_the_seed_bodies()
    {
        using var anonymous = await api.Http.GetAsync("/api/voice/analytics/overview");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Missing tenant context for analytics request", (await JsonAssert.BodyAsync(anonymous)).GetProperty("error").GetString());
        using var unknown = await GetAsync("/api/conversations/CAnothing/messages");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Conversation not found", (await JsonAssert.BodyAsync(unknown)).GetProperty("error").GetString());
        using var otherTenant = await GetAsync($"/api/voice/recordings/{await SeedCallAsync(DateTimeOffset.UtcNow, CallStatus.Completed, 1, false)}", key: api.KeyB);
        Assert.Equal("Conversation not found", (await JsonAssert.BodyAsync(otherTenant)).GetProperty("error").GetString());
        using var badDate = await GetAsync("/api/voice/analytics/overview?start_date=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("start_date", (await JsonAssert.BodyAsync(badDate)).GetProperty("error").GetString());
        using var badBucket = await GetAsync("/api/voice/analytics/timeline?bucket=week");
        Assert.Contains("bucket", (await JsonAssert.BodyAsync(badBucket)).GetProperty("error").GetString());
    }

    private async Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage>? change = null, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? api.KeyA);
        change?.Invoke(request);
        return await api.Http.SendAsync(request);
    }

    private async Task<string> SeedCallAsync(DateTimeOffset createdAt, CallStatus status, int? durationSeconds, bool recorded, params string[] callerSaid)
    {
        var callId = SortableIds.New(SortableIds.CallPrefix, createdAt);
        var call = new CallRecord
        {
            Id = callId,
            AccountId = api.AccountA,
            Status = status,
            Direction = CallDirection.Outbound,
            From = ApiFixture.NumberA1,
            To = "+15550109999",
            CreatedAt = createdAt,
            StartTime = durationSeconds is null ? null : createdAt.AddSeconds(2),
            EndTime = createdAt.AddSeconds(2 + (durationSeconds ?? 0)),
            Duration = durationSeconds,
        };
        await api.Services.GetRequiredService<CallRepository>().Table.UpsertAsync(call);
        for (var i = 0; i < callerSaid.Length; i++)
        {
            await api.Services.GetRequiredService<TranscriptRepository>().SaveAsync(new TranscriptSegment
            {
                AccountId = api.AccountA,
                CallId = callId,
                Id = $"s{i}",
                Track = "inbound",
                Text = callerSaid[i],
                StartMs = 1000 * i,
            });
        }

        if (recorded)
        {
            var blob = api.Storage.Blobs.GetBlobContainerClient(MediaQueues.RecordingsContainer).GetBlobClient(callId + "-r1.wav");
            await blob.UploadAsync(new BinaryData(new byte[] { 1, 2, 3 }), overwrite: true);
            await api.Services.GetRequiredService<RecordingRepository>().Table.UpsertAsync(new RecordingRecord
            {
                Id = callId + ":r1",
                AccountId = api.AccountA,
                CallId = callId,
                BlobUrl = blob.Uri.ToString(),
                DurationMs = 3000,
                Channels = 1,
                SizeBytes = 3,
                DateCreated = call.EndTime!.Value,
            });
        }

        await api.Services.GetRequiredService<ConversationAnalytics>().RecountAsync(api.AccountA, callId);
        return callId;
    }
}
