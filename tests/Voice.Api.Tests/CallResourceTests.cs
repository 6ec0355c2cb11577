using System.Net;
using Voice.Core.Calls;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class CallResourceTests
{
    private readonly ApiFixture api;

    public CallResourceTests(ApiFixture api)
    {
        this.api = api;
    }

    [Fact]
    public async Task Get_unknown_call_is_404()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "calls/CA7fffffffffffffff0000000000000000", api.KeyA);

        await JsonAssert.ErrorAsync(response, 404, "not_found");
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("CA")]
    [InlineData("CF7fffffffffffffff0000000000000000")]
    [InlineData("CA7FFFFFFFFFFFFFFF0000000000000000")]
    [InlineData("CA7fffffffffffffff0000000000000000x")]
    public async Task Get_with_a_malformed_id_is_404(string id)
    {
        using var response = await api.SendAsync(HttpMethod.Get, "calls/" + Uri.EscapeDataString(id), api.KeyA);

        await JsonAssert.ErrorAsync(response, 404, "not_found");
    }

    [Fact]
    public async Task Another_accounts_call_is_404_never_403()
    {
        var id = await CreateAsync();

        using var get = await api.SendAsync(HttpMethod.Get, $"calls/{id}", api.KeyB);
        using var delete = await api.SendAsync(HttpMethod.Delete, $"calls/{id}", api.KeyB);

        await JsonAssert.ErrorAsync(get, 404, "not_found");
        await JsonAssert.ErrorAsync(delete, 404, "not_found");
        var stored = await api.Services.GetRequiredService<CallRepository>().Table.GetAsync(api.AccountA, id);
        Assert.Null(stored!.Value.EndRequestedAt);
    }

    [Fact]
    public async Task Delete_returns_204_records_the_request_and_enqueues_one_hangup()
    {
        var id = await CreateAsync();

        using var response = await api.SendAsync(HttpMethod.Delete, $"calls/{id}", api.KeyA);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var stored = await api.Services.GetRequiredService<CallRepository>().Table.GetAsync(api.AccountA, id);
        Assert.NotNull(stored!.Value.EndRequestedAt);
        var commands = await api.CommandsForAsync(id, c => c.OfType<HangupCommand>().Any(), TimeSpan.FromSeconds(20));
        var hangup = Assert.Single(commands.OfType<HangupCommand>());
        Assert.Equal(id, hangup.CallId);
    }

    [Fact]
    public async Task Delete_twice_is_204_both_times_and_hangs_up_once()
    {
        var id = await CreateAsync();

        using var first = await api.SendAsync(HttpMethod.Delete, $"calls/{id}", api.KeyA);
        using var second = await api.SendAsync(HttpMethod.Delete, $"calls/{id}", api.KeyA);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        var commands = await api.CommandsForAsync(id, c => c.OfType<HangupCommand>().Any(), TimeSpan.FromSeconds(20));
        Assert.Single(commands.OfType<HangupCommand>());
    }

    [Fact]
    public async Task Delete_of_an_ended_call_is_204_and_records_nothing()
    {
        var id = await StoreEndedCallAsync(DateTimeOffset.UtcNow);

        using var response = await api.SendAsync(HttpMethod.Delete, $"calls/{id}", api.KeyA);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var stored = await api.Services.GetRequiredService<CallRepository>().Table.GetAsync(api.AccountA, id);
        Assert.Null(stored!.Value.EndRequestedAt);
    }

    [Fact]
    public async Task Delete_of_an_unknown_call_is_404()
    {
        using var response = await api.SendAsync(HttpMethod.Delete, "calls/CA7fffffffffffffff0000000000000001", api.KeyA);

        await JsonAssert.ErrorAsync(response, 404, "not_found");
    }

    [Fact]
    public async Task Delete_of_a_queued_call_cancels_it()
    {
        var id = await CreateAsync();

        using var response = await api.SendAsync(HttpMethod.Delete, $"calls/{id}", api.KeyA);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var status = "";
        for (var i = 0; i < 200 && status != "canceled"; i++)
        {
            using var get = await api.SendAsync(HttpMethod.Get, $"calls/{id}", api.KeyA);
            status = (await JsonAssert.BodyAsync(get)).GetProperty("status").GetString()!;
            await Task.Delay(50);
        }

        Assert.Equal("canceled", status);
    }

    [Fact]
    public async Task Ended_call_reports_start_end_and_duration_as_rfc3339_and_seconds()
    {
        var id = await StoreEndedCallAsync(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

        using var response = await api.SendAsync(HttpMethod.Get, $"calls/{id}", api.KeyA);

        var call = await JsonAssert.BodyAsync(response);
        JsonAssert.HasExactly(call, "id", "status", "direction", "from", "to", "duration", "start_time", "end_time");
        Assert.Equal("completed", call.GetProperty("status").GetString());
        Assert.Equal(42, call.GetProperty("duration").GetInt32());
        Assert.Equal("2026-11-23T10:00:00Z", call.GetProperty("start_time").GetString());
        Assert.Equal("2026-11-23T10:00:42Z", call.GetProperty("end_time").GetString());
        JsonAssert.IsRfc3339Utc(call.GetProperty("end_time"));
    }

    /// <summary>A completed 42-second call stored directly: no lifecycle runs that could write it again meanwhile.</summary>
    private async Task<string> StoreEndedCallAsync(DateTimeOffset start)
    {
        var id = SortableIds.New(SortableIds.CallPrefix, start);
        await api.Services.GetRequiredService<CallRepository>().Table.InsertAsync(new CallRecord
        {
            Id = id,
            AccountId = api.AccountA,
            Status = CallStatus.Completed,
            Direction = CallDirection.Outbound,
            From = "+15550100001",
            To = "+14155550199",
            CreatedAt = start,
            StartTime = start,
            EndTime = start.AddSeconds(42),
            Duration = 42,
        });
        return id;
    }

    private async Task<string> CreateAsync()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, """{"to":"+14155550199","from":"+15550100001"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAssert.BodyAsync(response)).GetProperty("id").GetString()!;
    }
}
