using Voice.Sip.Sdp;

namespace Voice.Sip.Tests.Sdp;

public sealed class SdpNegotiatorTests
{
    private static readonly SdpLocalMedia Local = new() { Address = "127.0.0.1", RtpPort = 40000 };

    private static SdpSession Sdp(string media, string connection = "192.0.2.10") =>
        SdpParser.TryParse($"v=0\r\no=- 1 1 IN IP4 {connection}\r\ns=-\r\nc=IN IP4 {connection}\r\nt=0 0\r\n{media}", out var s, out var e) ? s : throw new InvalidOperationException(e);

    [Fact]
    public void Answer_picks_the_offerers_first_supported_codec_and_8k_telephone_event()
    {
        Assert.True(SdpParser.TryParse(SdpParserTests.LinphoneOffer, out var offer, out _));

        var result = new SdpNegotiator(Local).Answer(offer);

        Assert.True(result.IsAccepted);
        var audio = result.Audio!;
        Assert.Equal("PCMU", audio.Codec.EncodingName);
        Assert.Equal(98, audio.TelephoneEventPayloadType);
        Assert.Equal(30, audio.Ptime);
        Assert.Equal("192.0.2.10", audio.RemoteAddress);
        Assert.Equal(7078, audio.RemotePort);
        Assert.Equal(SdpDirection.SendRecv, audio.Direction);
        var answerAudio = result.Answer!.Media[0];
        Assert.Equal(["0", "98"], answerAudio.Formats);
        Assert.Equal(40000, answerAudio.Port);
        Assert.Equal("0-15", answerAudio.Fmtp(98));
        Assert.Equal(30, answerAudio.Ptime);
        Assert.Equal("127.0.0.1", result.Answer.Connection!.Address);
    }

    [Fact]
    public void Unsupported_streams_are_rejected_with_port_zero()
    {
        Assert.True(SdpParser.TryParse(SdpParserTests.LinphoneOffer, out var offer, out _));

        var video = new SdpNegotiator(Local).Answer(offer).Answer!.Media[1];

        Assert.Equal(0, video.Port);
        Assert.Equal("video", video.MediaType);
        Assert.Equal(["99"], video.Formats);
    }

    [Fact]
    public void Pcma_first_in_the_offer_wins()
    {
        var result = new SdpNegotiator(Local).Answer(Sdp("m=audio 5000 RTP/AVP 8 0\r\n"));

        Assert.Equal(8, result.Audio!.Codec.PayloadType);
        Assert.Null(result.Audio.TelephoneEventPayloadType);
        Assert.Equal(20, result.Audio.Ptime);
    }

    [Fact]
    public void Telephone_event_at_another_clock_rate_only_is_not_used()
    {
        var result = new SdpNegotiator(Local).Answer(Sdp("m=audio 5000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/48000\r\n"));

        Assert.Null(result.Audio!.TelephoneEventPayloadType);
        Assert.Equal(["0"], result.Answer!.Media[0].Formats);
    }

    [Fact]
    public void Unsupported_ptime_falls_back_to_20()
    {
        var result = new SdpNegotiator(Local).Answer(Sdp("m=audio 5000 RTP/AVP 0\r\na=ptime:40\r\n"));

        Assert.Equal(20, result.Answer!.Media[0].Ptime);
    }

    [Theory]
    [InlineData("sendonly", SdpDirection.RecvOnly)]
    [InlineData("recvonly", SdpDirection.SendOnly)]
    [InlineData("inactive", SdpDirection.Inactive)]
    [InlineData("sendrecv", SdpDirection.SendRecv)]
    public void Answer_direction_mirrors_the_offer(string offered, SdpDirection expected)
    {
        var result = new SdpNegotiator(Local).Answer(Sdp($"m=audio 5000 RTP/AVP 0\r\na={offered}\r\n"));

        Assert.Equal(expected, result.Audio!.Direction);
        Assert.Equal(expected, result.Answer!.Media[0].Direction);
    }

    [Fact]
    public void Session_level_direction_applies_to_media()
    {
        var offer = Sdp("m=audio 5000 RTP/AVP 0\r\n");
        offer.Attributes.Add(new SdpAttribute("sendonly", null));

        Assert.Equal(SdpDirection.RecvOnly, new SdpNegotiator(Local).Answer(offer).Audio!.Direction);
    }

    [Fact]
    public void Rfc2543_hold_address_stops_our_sending()
    {
        var result = new SdpNegotiator(Local).Answer(Sdp("m=audio 5000 RTP/AVP 0\r\n", "0.0.0.0"));

        Assert.False(result.Audio!.Direction.CanSend());
    }

    [Fact]
    public void Local_hold_limits_the_answer()
    {
        var result = new SdpNegotiator(Local).Answer(Sdp("m=audio 5000 RTP/AVP 0\r\n"), SdpDirection.SendOnly);

        Assert.Equal(SdpDirection.SendOnly, result.Audio!.Direction);
    }

    [Theory]
    [InlineData("m=audio 5000 RTP/AVP 18\r\n")]
    [InlineData("m=audio 0 RTP/AVP 0\r\n")]
    [InlineData("m=audio 5000 RTP/SAVP 0\r\n")]
    [InlineData("m=audio 5000 RTP/AVP 96\r\na=rtpmap:96 PCMU/16000\r\n")]
    [InlineData("m=video 5000 RTP/AVP 0\r\n")]
    public void Offer_without_acceptable_audio_is_not_accepted(string media)
    {
        var result = new SdpNegotiator(Local).Answer(Sdp(media));

        Assert.False(result.IsAccepted);
        Assert.All(result.Answer!.Media, m => Assert.Equal(0, m.Port));
    }

    [Fact]
    public void Offer_lists_local_codecs_with_telephone_event_ptime_and_direction()
    {
        var offer = new SdpNegotiator(Local).CreateOffer();

        var audio = Assert.Single(offer.Media);
        Assert.Equal(["0", "8", "101"], audio.Formats);
        Assert.Equal(new SdpRtpMap(101, "telephone-event", 8000), audio.RtpMap(101));
        Assert.Equal(20, audio.Ptime);
        Assert.Equal(SdpDirection.SendRecv, audio.Direction);
        Assert.Equal("127.0.0.1", offer.Connection!.Address);
    }

    [Fact]
    public void Each_new_description_increments_the_origin_version()
    {
        var negotiator = new SdpNegotiator(Local);
        var first = negotiator.CreateOffer();
        var hold = negotiator.CreateOffer(SdpDirection.SendOnly);

        Assert.Equal(first.Origin.SessionId, hold.Origin.SessionId);
        Assert.Equal(first.Origin.SessionVersion + 1, hold.Origin.SessionVersion);
        Assert.Equal(SdpDirection.SendOnly, hold.Media[0].Direction);
    }

    [Fact]
    public void Answer_to_our_offer_yields_the_agreed_stream()
    {
        var caller = new SdpNegotiator(Local);
        var callee = new SdpNegotiator(Local with { RtpPort = 40002, Codecs = [new(8, "PCMA", 8000)] });
        var answer = callee.Answer(caller.CreateOffer()).Answer!;

        var result = caller.ProcessAnswer(answer);

        Assert.Equal("PCMA", result.Audio!.Codec.EncodingName);
        Assert.Equal(101, result.Audio.TelephoneEventPayloadType);
        Assert.Equal(40002, result.Audio.RemotePort);
    }

    [Fact]
    public void Held_answer_to_our_hold_offer_is_sendonly_for_us()
    {
        var caller = new SdpNegotiator(Local);
        var callee = new SdpNegotiator(Local with { RtpPort = 40002 });
        var answer = callee.Answer(caller.CreateOffer(SdpDirection.SendOnly)).Answer!;

        Assert.Equal(SdpDirection.RecvOnly, answer.Media[0].Direction);
        Assert.Equal(SdpDirection.SendOnly, caller.ProcessAnswer(answer).Audio!.Direction);
    }

    [Fact]
    public void Answer_without_an_offer_or_common_codec_is_refused()
    {
        var negotiator = new SdpNegotiator(Local);
        Assert.False(negotiator.ProcessAnswer(Sdp("m=audio 5000 RTP/AVP 0\r\n")).IsAccepted);

        negotiator.CreateOffer();
        Assert.False(negotiator.ProcessAnswer(Sdp("m=audio 5000 RTP/AVP 18\r\n")).IsAccepted);
    }
}
