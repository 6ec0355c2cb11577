using Voice.Media.Contracts;
using Voice.MediaNode.Tests.Host;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Interop;

/// <summary>The node against linphonec (an independent SIP/RTP stack), commands and events through Azurite.</summary>
public sealed class LinphoneInteropTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int RtpRange = 20;

    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Node_calls_linphone_which_hears_the_tone_and_whose_digits_arrive_in_order_until_it_hangs_up()
    {
        var toneUrl = await TonePrompts.UploadAsync(azurite);
        await using var linphone = await Linphone.StartAsync(pcmuOnly: true);
        await using var node = await RunningNode.StartAsync(azurite);
        var dial = new DialCommand { Id = NewId(), CallId = "call-" + NewId(), To = linphone.Uri, From = "+15550100", TimeoutSeconds = 10 };

        await node.SendAsync(dial);
        Assert.IsType<AnsweredEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == dial.CallId && e is AnsweredEvent or HangupEvent, 1)));
        await linphone.LineAsync(l => l.StartsWith("Media streams established", StringComparison.Ordinal));
        var play = new PlayCommand { Id = NewId(), CallId = dial.CallId, Url = toneUrl };
        await node.SendAsync(play);
        await node.EventsAsync(e => e.CommandId == play.Id && e is PlaybackEndedEvent, 1);
        await node.SendAsync(new SendDtmfCommand { Id = NewId(), CallId = dial.CallId, Digits = "14" });
        foreach (var digit in "2580")
        {
            await linphone.SendAsync(digit.ToString());
            await Task.Delay(400);
        }

        var digits = await node.EventsAsync(e => e.CallId == dial.CallId && e is DtmfEvent, 4);
        Assert.Equal("2580", string.Concat(digits.Cast<DtmfEvent>().OrderBy(e => e.Seq).Select(e => e.Digit)));
        await linphone.LineAsync(_ => linphone.TonesReceived.Length >= 2);
        Assert.Equal("14", linphone.TonesReceived);

        await linphone.SendAsync("terminate");
        var hangup = Assert.IsType<HangupEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == dial.CallId && e is HangupEvent, 1)));
        Assert.Equal(("normal", "remote"), (hangup.Cause, hangup.Side));
        await linphone.LineAsync(l => l.Contains(" ended (", StringComparison.Ordinal));
        Assert.True(TonePrompts.ContainsTone(await linphone.HeardAsync()), "linphone's recording holds no 1 kHz tone");
    }

    [Fact]
    public async Task Linphone_offering_telephone_event_at_three_rates_is_answered_with_pcmu_and_the_8_khz_one()
    {
        var rtp = FreePorts.NextBlock(RtpRange);
        await using var linphone = await Linphone.StartAsync(pcmuOnly: false, record: false, sipTrace: true);
        await using var node = await RunningNode.StartAsync(azurite, [new("MediaNode:Rtp:PortMin", rtp.ToString()), new("MediaNode:Rtp:PortMax", (rtp + RtpRange - 1).ToString())]);

        await linphone.SendAsync($"call sip:+4930123456@127.0.0.1:{node.SipPort}");
        var incoming = Assert.Single(await node.EventsAsync(e => e is IncomingCallEvent, 1));
        await node.SendAsync(new AnswerCommand { Id = NewId(), CallId = incoming.CallId });
        await node.EventsAsync(e => e.CallId == incoming.CallId && e is AnsweredEvent, 1);
        await linphone.LineAsync(l => l.StartsWith("Media streams established", StringComparison.Ordinal));

        var answer = NodeAnswer(linphone.Lines, rtp);
        Assert.True(answer.Count > 0, "the node's SDP answer is not in linphone's trace");
        var media = answer[0].Split(' ');
        Assert.Equal(["0", "101"], media[3..]);
        Assert.Contains("a=rtpmap:101 telephone-event/8000", answer);
        Assert.DoesNotContain(answer, l => l.Contains("telephone-event/16000", StringComparison.Ordinal) || l.Contains("telephone-event/48000", StringComparison.Ordinal));

        await linphone.SendAsync("7");
        var digit = Assert.IsType<DtmfEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == incoming.CallId && e is DtmfEvent, 1)));
        Assert.Equal("7", digit.Digit);
        await node.SendAsync(new HangupCommand { Id = NewId(), CallId = incoming.CallId });
        var hangup = Assert.IsType<HangupEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == incoming.CallId && e is HangupEvent, 1)));
        Assert.Equal(("normal", "local"), (hangup.Cause, hangup.Side));
        await linphone.LineAsync(l => l.Contains(" ended (", StringComparison.Ordinal));
    }

    // The media section of the SDP the node sent: from the m=audio line naming a port of the node's range to the end of the body.
    private static List<string> NodeAnswer(IReadOnlyList<string> trace, int rtpMin)
    {
        var start = -1;
        for (var i = 0; i < trace.Count && start < 0; i++)
        {
            var parts = trace[i].Trim().Split(' ');
            if (parts is ["m=audio", var port, ..] && int.TryParse(port, out var p) && p >= rtpMin && p < rtpMin + RtpRange)
            {
                start = i;
            }
        }

        return start < 0 ? [] : [.. trace.Skip(start).Select(l => l.Trim()).TakeWhile(l => l.Length > 1 && l[1] == '=')];
    }
}
