namespace Voice.MediaNode.Tests.Fuzz;

/// <summary>
/// Garbage SDP offers built from a valid one: bad or extra m= lines, missing or odd c= lines, weird codecs and
/// rtpmaps (clock rate 0, stereo, telephone-event at 16/48 kHz, payload types out of range), ptime 0, broken
/// fmtp and direction, and lines that are not SDP at all. Media addresses stay on loopback (or are unusable) and
/// media ports are the fuzz test's sink, so nothing is ever sent off the machine.
/// </summary>
internal static class SdpMutator
{
    private static readonly string[] MediaLines =
    [
        "m=audio", "m=audio {0}", "m=audio abc RTP/AVP 0", "m=audio 99999 RTP/AVP 0", "m=audio -1 RTP/AVP 0", "m=audio {0}/0 RTP/AVP 0",
        "m=audio {0}/2 RTP/AVP 0", "m=audio {0} RTP/AVP", "m=audio {0} RTP/AVP  0", "m=audio {0} RTP/SAVP 0", "m=audio {0} UDP/TLS/RTP/SAVPF 0",
        "m=video {0} RTP/AVP 96", "m=audio 0 RTP/AVP 0", "m=audio {0} RTP/AVP 300", "m=audio {0} RTP/AVP 96 97", "m=audio {0} RTP/AVP 999999999999999999",
        "m=audio {0} RTP/AVP -1", "m=audio {0} RTP/AVP x y z", "m=audio {0} RTP/AVP 101", "m=audio {0} RTP/AVP 8 0 101", "m=image {0} udptl t38",
        "m=audio {0} RTP/AVP 18 4 3 9", "m=audio {0} RTP/AVP 96 101", "m=application {0} TCP/MRCPv2 1", "m= {0} RTP/AVP 0", "m=audio +5 RTP/AVP 0",
    ];

    private static readonly string[] ConnectionLines =
    [
        "", "c=", "c=IN IP4", "c=IN IP6 ::1", "c=IN IP4 0.0.0.0", "c=IN IP4 localhost", "c=XX YY ZZ", "c=IN IP4 127.0.0.1/127",
        "c=IN IP4 127.0.0.1 extra", "c=IN IP4 ::::", "c=IN  IP4 127.0.0.1", "c=IN IP4 999.999.999.999",
    ];

    private static readonly string[] Attributes =
    [
        "a=rtpmap:0 PCMU/0", "a=rtpmap:0 PCMU/8000/0", "a=rtpmap:0 PCMU/8000/2", "a=rtpmap:96 pcmu/8000", "a=rtpmap:97 PCMA/8000", "a=rtpmap:0",
        "a=rtpmap:x y", "a=rtpmap:0 /8000", "a=rtpmap:101 telephone-event/16000", "a=rtpmap:101 telephone-event/48000", "a=rtpmap:0 PCMU/99999999999",
        "a=rtpmap:128 PCMU/8000", "a=rtpmap:-1 PCMU/8000", "a=rtpmap:101 telephone-event/0", "a=rtpmap:96 opus/48000/2", "a=rtpmap:0 PCMU/8000/x",
        "a=rtpmap:101  telephone-event/8000", "a=rtpmap:101 telephone-event", "a=rtpmap: 0 PCMU/8000", "a=rtpmap:0 PCMU/-8000",
        "a=ptime:0", "a=ptime:-20", "a=ptime:abc", "a=ptime:99999999999", "a=ptime:1", "a=ptime:", "a=maxptime:0",
        "a=fmtp:101", "a=fmtp:101 0-99999", "a=fmtp:", "a=fmtp:101 16-0", "a=fmtp:101 ,,,", "a=fmtp:999999999999 x",
        "a=inactive", "a=recvonly", "a=sendonly", "a=sendrecv", "a=sendonly:x", "a=", "a=:", "a=rtcp:0", "a=rtcp:abc", "a=rtcp-mux",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:xxx", "a=setup:actpass", "a=ice-ufrag:", "a=candidate:garbage",
    ];

    private static readonly string[] GarbageLines =
    [
        "garbage", "x", "=", "v=1", "v=0", "o=", "o=a b c", "o=- 1 notanumber IN IP4 127.0.0.1", "s=", "t=", "t=abc", "b=AS:-1", "k=clear:x",
        "Z=upper", "a", "\u00e9=x", "m=audio {0} RTP/AVP 0\r\nm=audio {0} RTP/AVP 8", "\0\0\0", "c=IN IP4 127.0.0.1\r\nc=IN IP4 127.0.0.1",
    ];

    /// <summary>A mutated offer; <paramref name="valid"/> is the well-formed one to start from.</summary>
    public static string Mutate(Random random, string valid, int sinkPort)
    {
        var lines = valid.TrimEnd('\r', '\n').Split("\r\n").ToList();
        var rounds = random.Next(1, 5);
        for (var i = 0; i < rounds; i++)
        {
            switch (random.Next(9))
            {
                case 0:
                    Replace(lines, "m=", Format(Pick(random, MediaLines), sinkPort));
                    break;
                case 1:
                    Replace(lines, "c=", Pick(random, ConnectionLines));
                    break;
                case 2:
                    lines.Add(Pick(random, Attributes));
                    break;
                case 3:
                    // Attributes before any m= apply to the session.
                    lines.Insert(random.Next(1, lines.Count + 1), Pick(random, Attributes));
                    break;
                case 4:
                    lines.Insert(random.Next(0, lines.Count + 1), Format(Pick(random, GarbageLines), sinkPort));
                    break;
                case 5:
                    lines.RemoveAt(random.Next(lines.Count));
                    break;
                case 6:
                    // Many streams: only one audio stream may be taken, the rest answered with port 0.
                    lines.AddRange(Enumerable.Repeat(Format(Pick(random, MediaLines), sinkPort), random.Next(2, 60)));
                    break;
                case 7:
                    lines.Add("a=x-long:" + new string('y', random.Next(100, 20_000)));
                    break;
                default:
                    // Media-level c= only (or twice), after the m= line.
                    lines.RemoveAll(l => l.StartsWith("c=", StringComparison.Ordinal));
                    lines.Add(Pick(random, ["c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0", "c=IN IP4 127.0.0.1\r\nc=IN IP4 127.0.0.1"]));
                    break;
            }
        }

        return string.Join(random.Next(8) == 0 ? "\n" : "\r\n", lines) + "\r\n";
    }

    private static string Format(string template, int sinkPort) => template.Replace("{0}", sinkPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static void Replace(List<string> lines, string prefix, string replacement)
    {
        var at = lines.FindIndex(l => l.StartsWith(prefix, StringComparison.Ordinal));
        if (at < 0)
        {
            lines.Add(replacement);
        }
        else if (replacement.Length == 0)
        {
            lines.RemoveAt(at);
        }
        else
        {
            lines[at] = replacement;
        }
    }
}
