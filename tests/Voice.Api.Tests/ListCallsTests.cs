using System.Net;
using System.Text.Json;
using Voice.Core.Calls;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Api.Tests;

/// <summary>Listing uses its own account (C) so the counts are exact whatever other tests create.</summary>
[Collection(ApiCollection.Name)]
public sealed class ListCallsTests : IAsyncLifetime
{
    private const string Number = "+15550300001";
    private readonly ApiFixture api;
    private readonly string account = "ACl" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> created = [];
    private string key = "";

    public ListCallsTests(ApiFixture api)
    {
        this.api = api;
    }

    public async Task InitializeAsync()
    {
        key = await TestAccounts.SeedAsync(api.Services, account, Number);
        for (var i = 0; i < 5; i++)
        {
            using var response = await api.SendAsync(HttpMethod.Post, "calls", key, $$"""{"to":"+1415555020{{i}}","from":"{{Number}}"}""");
            created.Add((await JsonAssert.BodyAsync(response)).GetProperty("id").GetString()!);
        }

        // One inbound, completed call.
        var calls = api.Services.GetRequiredService<CallRepository>();
        var inboundId = SortableIds.New(SortableIds.CallPrefix, DateTimeOffset.UtcNow);
        created.Insert(0, inboundId);
        await calls.Table.InsertAsync(new CallRecord
        {
            Id = inboundId,
            AccountId = account,
            Status = CallStatus.Completed,
            Direction = CallDirection.Inbound,
            From = "+14155550300",
            To = Number,
            CreatedAt = DateTimeOffset.UtcNow,
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task List_returns_calls_newest_first_with_the_total()
    {
        var body = await ListAsync("calls");

        Assert.Equal(6, body.GetProperty("total").GetInt32());
        var ids = Ids(body);
        Assert.Equal(6, ids.Count);
        Assert.Equal(created.Skip(1).Reverse(), ids.Skip(1));
        Assert.Equal(created[0], ids[0]);
        JsonAssert.HasExactly(body, "calls", "total");
    }

    [Fact]
    public async Task Page_size_1_returns_one_call_per_page()
    {
        var first = await ListAsync("calls?page_size=1&page=1");
        var second = await ListAsync("calls?page_size=1&page=2");

        Assert.Single(Ids(first));
        Assert.Single(Ids(second));
        Assert.NotEqual(Ids(first)[0], Ids(second)[0]);
        Assert.Equal(6, second.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Page_size_100_is_accepted()
    {
        var body = await ListAsync("calls?page_size=100");

        Assert.Equal(6, Ids(body).Count);
    }

    [Fact]
    public async Task Page_beyond_the_end_is_empty_with_the_total()
    {
        var body = await ListAsync("calls?page=3&page_size=5");

        Assert.Empty(Ids(body));
        Assert.Equal(6, body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Last_partial_page_has_the_remainder()
    {
        var body = await ListAsync("calls?page=2&page_size=4");

        Assert.Equal(2, Ids(body).Count);
    }

    [Fact]
    public async Task Status_filter_returns_only_matching_calls()
    {
        var queued = await ListAsync("calls?status=queued");
        var completed = await ListAsync("calls?status=completed");
        var ringing = await ListAsync("calls?status=ringing");

        Assert.Equal(5, queued.GetProperty("total").GetInt32());
        Assert.Equal(1, completed.GetProperty("total").GetInt32());
        Assert.Equal(0, ringing.GetProperty("total").GetInt32());
        Assert.All(queued.GetProperty("calls").EnumerateArray(), c => Assert.Equal("queued", c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Direction_filter_returns_only_matching_calls()
    {
        var inbound = await ListAsync("calls?direction=inbound");
        var outbound = await ListAsync("calls?direction=outbound&status=queued");

        Assert.Equal(1, inbound.GetProperty("total").GetInt32());
        Assert.Equal("inbound", inbound.GetProperty("calls")[0].GetProperty("direction").GetString());
        Assert.Equal(5, outbound.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_never_shows_another_accounts_calls()
    {
        var body = await ListAsync("calls?page_size=100");

        Assert.Equal(created.Order(), Ids(body).Order());
        using var other = await api.SendAsync(HttpMethod.Get, "calls?page_size=100", api.KeyB);
        var otherIds = Ids(await JsonAssert.BodyAsync(other));
        Assert.Empty(otherIds.Intersect(Ids(body)));
    }

    [Theory]
    [InlineData("calls?page_size=101", "page_size")]
    [InlineData("calls?page_size=0", "page_size")]
    [InlineData("calls?page_size=-1", "page_size")]
    [InlineData("calls?page_size=abc", "page_size")]
    [InlineData("calls?page_size=", "page_size")]
    [InlineData("calls?page=0", "page")]
    [InlineData("calls?page=1.5", "page")]
    [InlineData("calls?page=1&page=2", "page")]
    [InlineData("calls?status=done", "status")]
    [InlineData("calls?status=In-Progress", "status")]
    [InlineData("calls?direction=sideways", "direction")]
    public async Task Bad_query_parameter_gets_400_naming_it(string path, string field)
    {
        using var response = await api.SendAsync(HttpMethod.Get, path, key);

        await JsonAssert.ErrorAsync(response, 400, "invalid_parameter", field);
    }

    private static List<string> Ids(JsonElement body) =>
        body.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();

    private async Task<JsonElement> ListAsync(string path)
    {
        using var response = await api.SendAsync(HttpMethod.Get, path, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAssert.BodyAsync(response);
    }
}
