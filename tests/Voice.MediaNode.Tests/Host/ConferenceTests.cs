using Voice.Media.Contracts;
using Voice.Media.Dtmf;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>Conferences and bridges between real baresip peers, each sending its own tone.</summary>
public sealed class ConferenceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Each_conference_member_hears_the_other_two_tones_and_not_its_own()
    {
        int[] tones = [500, 1100, 1700];
        var peers = new List<Baresip>();
        try
        {
            foreach (var tone in tones)
            {
                peers.Add(await Baresip.StartAsync(toneHz: tone));
            }

            await using (var node = await RunningNode.StartAsync(azurite))
            {
                var conference = "conf-" + NewId();
                foreach (var peer in peers)
                {
                    var callId = await node.AnsweredCallAsync(peer);
                    await node.SendAsync(new JoinConferenceCommand { Id = NewId(), CallId = callId, ConferenceId = conference });
                }

                await node.CommandsHandledAsync();
                await Task.Delay(2500);
            }

            for (var i = 0; i < peers.Count; i++)
            {
                await peers[i].EventAsync("CALL_CLOSED");
                var heard = await peers[i].HeardAsync();
                var last = heard.AsSpan(Math.Max(0, heard.Length - 12000), Math.Min(heard.Length, 8000));
                for (var j = 0; j < tones.Length; j++)
                {
                    var fraction = Goertzel.EnergyFraction(last, tones[j]);
                    if (i == j)
                    {
                        Assert.True(fraction < 0.05, $"member {i} hears its own {tones[j]} Hz tone ({fraction:F3})");
                    }
                    else
                    {
                        Assert.True(fraction > 0.2, $"member {i} does not hear {tones[j]} Hz ({fraction:F3})");
                    }
                }
            }
        }
        finally
        {
            foreach (var peer in peers)
            {
                await peer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Bridge_with_an_unknown_call_is_an_error()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        await node.SendAsync(new BridgeCommand { Id = NewId(), CallId = callId, OtherCallId = "nobody" });

        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is MediaErrorEvent, 1)));
        Assert.Equal("call_not_found", error.Code);
    }
}
