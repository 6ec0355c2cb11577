namespace Voice.Bench.Generator;

/// <summary>
/// One RTP stream the generator sends through a relay: from its side <see cref="SendSide"/> to the relay's
/// <see cref="DestinationPort"/>, coming back relayed to side <see cref="ReceiveSide"/> from the relay's
/// <see cref="RelaySourcePort"/>. As a stdin line: <c>stream &lt;sendSide&gt; &lt;destinationPort&gt; &lt;receiveSide&gt; &lt;relaySourcePort&gt;</c>.
/// </summary>
internal sealed record StreamRoute(int SendSide, int DestinationPort, int ReceiveSide, int RelaySourcePort)
{
    public string ToLine() => FormattableString.Invariant($"stream {SendSide} {DestinationPort} {ReceiveSide} {RelaySourcePort}");

    public static StreamRoute Parse(string line)
    {
        var parts = line.Split(' ');
        return parts is ["stream", var a, var b, var c, var d]
            ? new StreamRoute(int.Parse(a, System.Globalization.CultureInfo.InvariantCulture), int.Parse(b, System.Globalization.CultureInfo.InvariantCulture), int.Parse(c, System.Globalization.CultureInfo.InvariantCulture), int.Parse(d, System.Globalization.CultureInfo.InvariantCulture))
            : throw new FormatException($"not a stream line: {line}");
    }
}
