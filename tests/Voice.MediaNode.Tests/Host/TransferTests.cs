using Voice.Media.Contracts;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>
/// Blind transfer (refer) with real baresips as transferee and target, directly and through a kamailio proxy; a
/// transferee refusing the REFER; SIP INFO to a baresip (the receiving side is covered by Voice.Sip's scripted-peer tests:
/// baresip 1.0 cannot send INFO).
/// </summary>
public sealed class TransferTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string NewId() => "cmd-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Refer_moves_baresip_to_a_second_baresip_reporting_progress_and_the_leg_ends()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        await using var transferee = await Baresip.StartAsync();
        await using var target = await Baresip.StartAsync();
        var callId = await node.AnsweredCallAsync(transferee);

        var refer = new ReferCommand { Id = NewId(), CallId = callId, Target = target.Uri };
        await node.SendAsync(refer);

        var progress = await ReferEventsAsync(node, refer);
        Assert.Equal(202, progress[0].Status);
        Assert.False(progress[0].Final);
        var final = progress[^1];
        Assert.Equal(("succeeded", 200), (final.Result, final.Status));
        Assert.StartsWith("SIP/2.0 200", final.Sipfrag, StringComparison.Ordinal);
        Assert.All(progress[1..^1], p => Assert.InRange(p.Status, 100, 199));
        await target.EventAsync("CALL_ESTABLISHED");
        var hangup = Assert.IsType<HangupEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is HangupEvent, 1)));
        Assert.Equal("normal", hangup.Cause);
    }

    [Fact]
    public async Task Refer_to_a_target_that_refuses_fails_and_the_call_stays_up()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        await using var transferee = await Baresip.StartAsync();
        await using var target = await Baresip.StartAsync(answerMode: "manual");
        var callId = await node.AnsweredCallAsync(transferee);

        var refer = new ReferCommand { Id = NewId(), CallId = callId, Target = target.Uri };
        await node.SendAsync(refer);
        await target.EventAsync("CALL_INCOMING");
        await target.CommandAsync("hangup");

        var final = (await ReferEventsAsync(node, refer))[^1];
        Assert.Equal("failed", final.Result);
        Assert.InRange(final.Status, 400, 699);

        // Still the node's call: a hangup command ends it as ours.
        await node.SendAsync(new HangupCommand { Id = NewId(), CallId = callId });
        var hangup = Assert.IsType<HangupEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is HangupEvent, 1)));
        Assert.Equal("local", hangup.Side);
    }

    [Fact]
    public async Task Refer_goes_through_kamailio_and_its_notifies_come_back_the_same_way()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        await using var transferee = await Baresip.StartAsync();
        await using var target = await Baresip.StartAsync();
        var proxyPort = FreePorts.Next();
        await using var kamailio = await Kamailio.StartAsync(new KamailioTrunk(proxyPort, $"127.0.0.1:{node.SipPort}", transferee.Uri, transferee.SipPort));
        var dial = new DialCommand { Id = NewId(), CallId = "call-" + Guid.NewGuid().ToString("N"), To = $"sip:bob@127.0.0.1:{proxyPort}", From = "+15550100", TimeoutSeconds = 10 };
        await node.SendAsync(dial);
        await node.EventsAsync(e => e.CallId == dial.CallId && e is AnsweredEvent, 1);
        await transferee.EventAsync("CALL_ESTABLISHED");

        var refer = new ReferCommand { Id = NewId(), CallId = dial.CallId, Target = target.Uri };
        await node.SendAsync(refer);

        Assert.Equal("succeeded", (await ReferEventsAsync(node, refer))[^1].Result);
        await target.EventAsync("CALL_ESTABLISHED");
        await node.EventsAsync(e => e.CallId == dial.CallId && e is HangupEvent, 1);
        Assert.Contains(kamailio.Log, l => l.Contains("e2e: in-dialog REFER", StringComparison.Ordinal));
        Assert.Contains(kamailio.Log, l => l.Contains("e2e: in-dialog NOTIFY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refer_refused_by_the_transferee_is_reported_refused_with_its_status()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        await using var transferee = await Baresip.StartAsync(accountParameters: ";call_transfer=no");
        var callId = await node.AnsweredCallAsync(transferee);

        var refer = new ReferCommand { Id = NewId(), CallId = callId, Target = "sip:carol@127.0.0.1:9" };
        await node.SendAsync(refer);

        var progress = Assert.Single(await ReferEventsAsync(node, refer));
        Assert.Equal(("refused", true), (progress.Result, progress.Final));
        Assert.InRange(progress.Status, 400, 699);
    }

    [Fact]
    public async Task Sip_info_with_dtmf_relay_reaches_baresip_as_a_digit()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        await using var phone = await Baresip.StartAsync();
        var callId = await node.AnsweredCallAsync(phone);

        // baresip 1.0 reads an INFO application/dtmf-relay as a DTMF digit (it cannot send one: its DTMF is RFC 4733).
        var send = new SendSipInfoCommand { Id = NewId(), CallId = callId, ContentType = "application/dtmf-relay", Body = "Signal=7\r\nDuration=160\r\n" };
        await node.SendAsync(send);

        await phone.EventAsync("CALL_DTMF_START");
        Assert.Contains("7", phone.Params("CALL_DTMF_START"));
        await node.CommandsHandledAsync();
        Assert.Empty(await node.EventsAsync(e => e.CommandId == send.Id, 0));
    }

    [Theory]
    [InlineData("tel:+15550100")]
    [InlineData("sip:carol@127.0.0.1?Replaces=abc")]
    [InlineData("not a uri")]
    public async Task Refer_to_a_bad_target_and_an_oversized_info_are_errors(string target)
    {
        await using var node = await RunningNode.StartAsync(azurite);
        await using var phone = await Baresip.StartAsync();
        var callId = await node.AnsweredCallAsync(phone);

        var refer = new ReferCommand { Id = NewId(), CallId = callId, Target = target };
        await node.SendAsync(refer);

        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == refer.Id, 1)));
        Assert.Equal("invalid_destination", error.Code);
        var oversized = new SendSipInfoCommand { Id = NewId(), CallId = callId, ContentType = "text/plain", Body = new string('x', 1401) };
        await node.SendAsync(oversized);
        Assert.Equal("invalid_sip_info", Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == oversized.Id, 1))).Code);
    }

    private static async Task<List<ReferProgressEvent>> ReferEventsAsync(RunningNode node, ReferCommand refer)
    {
        var events = await node.EventsAsync(e => e.CommandId == refer.Id && e is ReferProgressEvent { Final: true }, 1, seconds: 40);
        Assert.NotEmpty(events);
        return [.. (await node.EventsAsync(e => e.CommandId == refer.Id, 0)).Cast<ReferProgressEvent>().OrderBy(e => e.Seq)];
    }
}
