using System.Text.Json;
using Voice.Core.CallFlow;
using Voice.DevHost.Demo;

namespace Voice.Api.Tests.DevHost;

/// <summary>The demo application's call flows, served by DevHost over HTTP, each a document the engine accepts.</summary>
[Collection(ApiCollection.Name)]
public sealed class DemoMenuTests
{
    private readonly ApiFixture api;

    public DemoMenuTests(ApiFixture api)
    {
        this.api = api;
    }

    [Fact]
    public async Task The_answer_url_speaks_the_menu_and_waits_for_one_digit()
    {
        using var response = await api.Http.GetAsync(new Uri(api.Http.BaseAddress!, DemoMenu.AnswerPath + "?call_id=CA1&from=%2B1555&to=%2B15550100002"));

        var flow = await ParsedAsync(response);
        var talk = Assert.IsType<TalkAction>(flow.Actions[0]);
        Assert.Contains("press 1 to hear the time, 2 to echo your voice for 5 seconds", talk.Text, StringComparison.OrdinalIgnoreCase);
        Assert.IsType<InputAction>(flow.Actions[1]);
    }

    [Fact]
    public async Task Pressing_1_speaks_the_time()
    {
        using var response = await PressAsync("1");

        var flow = await ParsedAsync(response);
        Assert.StartsWith("The time is", Assert.IsType<TalkAction>(flow.Actions[0]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pressing_2_records_5_seconds_and_streams_the_recording_of_this_call_back()
    {
        using var response = await PressAsync("2");

        var flow = await ParsedAsync(response);
        var record = Assert.Single(flow.Actions.OfType<RecordAction>());
        Assert.Equal(5, record.TimeOutSeconds);
        var stream = Assert.Single(flow.Actions.OfType<StreamAction>());
        Assert.EndsWith(DemoMenu.EchoPath + "/CAdemo", stream.StreamUrl, StringComparison.Ordinal);
        var actions = flow.Actions.ToList();
        Assert.True(actions.IndexOf(record) < actions.IndexOf(stream));
    }

    [Fact]
    public async Task Another_key_repeats_the_menu()
    {
        using var response = await PressAsync("7");

        var flow = await ParsedAsync(response);
        Assert.IsType<InputAction>(flow.Actions[^1]);
    }

    private async Task<HttpResponseMessage> PressAsync(string digits)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { call_id = "CAdemo", dtmf = new { digits, timed_out = false } }));
        return await api.Http.PostAsync(new Uri(api.Http.BaseAddress!, DemoMenu.MenuPath), content);
    }

    private static async Task<CallFlowDocument> ParsedAsync(HttpResponseMessage response)
    {
        Assert.Equal(200, (int)response.StatusCode);
        var parsed = CallFlowParser.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        return parsed.Value;
    }
}
