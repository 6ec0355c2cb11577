using Voice.Core.Calls;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Api.Tests;

/// <summary>A call's transcript (<c>GET /calls/{id}/transcript</c>) over real Table storage (Azurite).</summary>
[Collection(ApiCollection.Name)]
public sealed class TranscriptTests(ApiFixture api)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Segments_come_in_spoken_order_each_once_and_only_for_the_calls_account()
    {
        var callId = await StoreCallAsync();
        var transcripts = api.Services.GetRequiredService<TranscriptRepository>();
        await transcripts.SaveAsync(Segment(callId, "e2", "outbound", "main menu", 4200));
        await transcripts.SaveAsync(Segment(callId, "e1", "inbound", "check my balance", 1500));
        await transcripts.SaveAsync(Segment(callId, "e1", "inbound", "check my balance", 1500));

        using var response = await api.SendAsync(HttpMethod.Get, $"calls/{callId}/transcript", api.KeyA);
        var body = await JsonAssert.BodyAsync(response);
        Assert.Equal(callId, body.GetProperty("call_id").GetString());
        var segments = body.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(["check my balance", "main menu"], segments.Select(s => s.GetProperty("text").GetString()));
        JsonAssert.HasExactly(segments[0], "track", "text", "confidence", "start_ms", "duration_ms", "date_created");
        Assert.Equal(("inbound", 0.75, 1500L, 900L), (segments[0].GetProperty("track").GetString(), segments[0].GetProperty("confidence").GetDouble(),
            segments[0].GetProperty("start_ms").GetInt64(), segments[0].GetProperty("duration_ms").GetInt64()));

        using var other = await api.SendAsync(HttpMethod.Get, $"calls/{callId}/transcript", api.KeyB);
        await JsonAssert.ErrorAsync(other, 404, "not_found");
    }

    [Fact]
    public async Task A_call_without_transcription_has_an_empty_transcript_and_an_unknown_call_is_404()
    {
        var callId = await StoreCallAsync();

        using var empty = await api.SendAsync(HttpMethod.Get, $"calls/{callId}/transcript", api.KeyA);
        using var unknown = await api.SendAsync(HttpMethod.Get, "calls/CAnothing/transcript", api.KeyA);

        Assert.Empty((await JsonAssert.BodyAsync(empty)).GetProperty("segments").EnumerateArray());
        await JsonAssert.ErrorAsync(unknown, 404, "not_found");
    }

    private TranscriptSegment Segment(string callId, string id, string track, string text, long startMs) => new()
    {
        AccountId = api.AccountA,
        CallId = callId,
        Id = id,
        Track = track,
        Text = text,
        Confidence = 0.75,
        StartMs = startMs,
        DurationMs = 900,
        At = Start.AddMilliseconds(startMs),
    };

    private async Task<string> StoreCallAsync()
    {
        var id = SortableIds.New(SortableIds.CallPrefix, Start);
        await api.Services.GetRequiredService<CallRepository>().Table.InsertAsync(new CallRecord
        {
            Id = id,
            AccountId = api.AccountA,
            Status = CallStatus.Completed,
            Direction = CallDirection.Outbound,
            From = "+15550100001",
            To = "+14155550199",
            CreatedAt = Start,
        });
        return id;
    }
}
