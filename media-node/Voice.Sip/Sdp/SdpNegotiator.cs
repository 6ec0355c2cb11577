using System.Globalization;

namespace Voice.Sip.Sdp;

/// <summary>
/// RFC 3264 offer/answer for one call's audio. Creates offers (including hold offers via the direction), answers
/// offers (picking the offerer's first codec we support, telephone-event at that codec's clock rate, a supported
/// ptime, and the reverse direction; other streams are rejected with port 0), and applies answers to our offers.
/// Keeps the o= session id and increments its version for each new description. Not thread-safe: one per call.
/// </summary>
public sealed class SdpNegotiator(SdpLocalMedia local)
{
    private readonly string sessionId = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
    private ulong version;
    private SdpSession? lastOffer;

    /// <summary>Local media settings.</summary>
    public SdpLocalMedia Local => local;

    /// <summary>Builds an offer with all local codecs; pass sendonly or inactive to put the call on hold.</summary>
    public SdpSession CreateOffer(SdpDirection direction = SdpDirection.SendRecv)
    {
        var formats = local.Codecs.Select(c => c.PayloadType.ToString(CultureInfo.InvariantCulture)).ToList();
        var attributes = local.Codecs.Select(c => new SdpAttribute("rtpmap", c.ToString())).ToList();
        if (local.TelephoneEventPayloadType is { } te)
        {
            formats.Add(te.ToString(CultureInfo.InvariantCulture));
            attributes.Add(new SdpAttribute("rtpmap", new SdpRtpMap(te, "telephone-event", local.Codecs[0].ClockRate).ToString()));
            attributes.Add(new SdpAttribute("fmtp", $"{te} 0-16"));
        }

        attributes.Add(new SdpAttribute("ptime", local.Ptimes[0].ToString(CultureInfo.InvariantCulture)));
        var media = new SdpMedia { MediaType = "audio", Port = local.RtpPort, Protocol = "RTP/AVP", Formats = formats, Attributes = attributes };
        media.SetDirection(direction);
        lastOffer = NewSession([media]);
        return lastOffer;
    }

    /// <summary>
    /// Answers <paramref name="offer"/>. <paramref name="localDirection"/> limits what we do (sendonly/inactive to
    /// hold). Never throws.
    /// </summary>
    public SdpNegotiationResult Answer(SdpSession offer, SdpDirection localDirection = SdpDirection.SendRecv)
    {
        SdpNegotiatedAudio? audio = null;
        var answerMedia = new List<SdpMedia>();
        foreach (var offered in offer.Media)
        {
            var agreed = audio is null ? Negotiate(offer, offered, localDirection) : null;
            if (agreed is null)
            {
                answerMedia.Add(new SdpMedia { MediaType = offered.MediaType, Port = 0, Protocol = offered.Protocol, Formats = [.. offered.Formats] });
                continue;
            }

            audio = agreed.Value.Audio;
            answerMedia.Add(agreed.Value.Media);
        }

        var answer = NewSession(answerMedia);
        return new SdpNegotiationResult(audio, answer, audio is null ? "No acceptable audio stream" : null);
    }

    /// <summary>Applies the peer's answer to our last offer. Never throws.</summary>
    public SdpNegotiationResult ProcessAnswer(SdpSession answer)
    {
        if (lastOffer is null)
        {
            return new SdpNegotiationResult(null, null, "No offer outstanding");
        }

        var offered = lastOffer.Media[0];
        var offeredDirection = offered.Direction ?? SdpDirection.SendRecv;
        foreach (var m in answer.Media)
        {
            if (m.MediaType != "audio" || m.Port == 0 || answer.ConnectionFor(m) is not { } connection)
            {
                continue;
            }

            var codec = FirstSupported(m, offered.Formats);
            if (codec is null)
            {
                continue;
            }

            var direction = (m.Direction ?? answer.Direction ?? SdpDirection.SendRecv).Reverse().Intersect(offeredDirection);
            if (connection.IsNullAddress)
            {
                direction = direction.Intersect(SdpDirection.RecvOnly);
            }

            var audio = new SdpNegotiatedAudio(codec.Value, TelephoneEvent(m, codec.Value.ClockRate), m.Ptime ?? local.Ptimes[0], connection.Address, m.Port, direction);
            return new SdpNegotiationResult(audio, null, null);
        }

        return new SdpNegotiationResult(null, null, "Answer has no acceptable audio stream");
    }

    private (SdpNegotiatedAudio Audio, SdpMedia Media)? Negotiate(SdpSession offer, SdpMedia offered, SdpDirection localDirection)
    {
        if (offered.MediaType != "audio" || offered.Port == 0 || offered.Protocol != "RTP/AVP" || offer.ConnectionFor(offered) is not { } connection)
        {
            return null;
        }

        var codec = FirstSupported(offered, null);
        if (codec is null)
        {
            return null;
        }

        var te = local.TelephoneEventPayloadType is null ? null : TelephoneEvent(offered, codec.Value.ClockRate);
        var ptime = offered.Ptime is { } p && local.Ptimes.Contains(p) ? p : local.Ptimes[0];
        var offerDirection = offered.Direction ?? offer.Direction ?? SdpDirection.SendRecv;
        var direction = offerDirection.Reverse().Intersect(localDirection);
        if (connection.IsNullAddress)
        {
            direction = direction.Intersect(SdpDirection.RecvOnly);
        }

        var formats = new List<string> { codec.Value.PayloadType.ToString(CultureInfo.InvariantCulture) };
        var attributes = new List<SdpAttribute> { new("rtpmap", codec.Value.ToString()) };
        if (te is { } tePt)
        {
            formats.Add(tePt.ToString(CultureInfo.InvariantCulture));
            attributes.Add(new SdpAttribute("rtpmap", new SdpRtpMap(tePt, "telephone-event", codec.Value.ClockRate).ToString()));
            attributes.Add(new SdpAttribute("fmtp", $"{tePt} {offered.Fmtp(tePt) ?? "0-16"}"));
        }

        attributes.Add(new SdpAttribute("ptime", ptime.ToString(CultureInfo.InvariantCulture)));
        var media = new SdpMedia { MediaType = "audio", Port = local.RtpPort, Protocol = "RTP/AVP", Formats = formats, Attributes = attributes };
        media.SetDirection(direction);
        var audio = new SdpNegotiatedAudio(codec.Value, te, offered.Ptime ?? local.Ptimes[0], connection.Address, offered.Port, direction);
        return (audio, media);
    }

    // The first format of the peer's media (in its order) that is one of our codecs, optionally limited to what we offered.
    private SdpRtpMap? FirstSupported(SdpMedia media, List<string>? allowedFormats)
    {
        foreach (var format in media.Formats)
        {
            if (!int.TryParse(format, CultureInfo.InvariantCulture, out var pt) || (allowedFormats is not null && !allowedFormats.Contains(format)))
            {
                continue;
            }

            if (media.RtpMap(pt) is { } map && map.Channels == 1
                && local.Codecs.Any(c => c.EncodingName.Equals(map.EncodingName, StringComparison.OrdinalIgnoreCase) && c.ClockRate == map.ClockRate))
            {
                return map;
            }
        }

        return null;
    }

    private static int? TelephoneEvent(SdpMedia media, int clockRate)
    {
        foreach (var format in media.Formats)
        {
            if (int.TryParse(format, CultureInfo.InvariantCulture, out var pt) && media.RtpMap(pt) is { } map
                && map.EncodingName.Equals("telephone-event", StringComparison.OrdinalIgnoreCase) && map.ClockRate == clockRate)
            {
                return pt;
            }
        }

        return null;
    }

    private SdpSession NewSession(List<SdpMedia> media) => new()
    {
        Origin = new SdpOrigin(local.Username, sessionId, ++version, "IN", "IP4", local.Address),
        SessionName = "-",
        Connection = SdpConnection.IPv4(local.Address),
        Timing = ["0 0"],
        Media = media,
    };
}
