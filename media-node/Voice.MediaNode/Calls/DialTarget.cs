using Voice.Media.Contracts.Addressing;
using Voice.MediaNode.Configuration;
using Voice.Sip.Messages;

namespace Voice.MediaNode.Calls;

/// <summary>
/// Where a dial command's <c>to</c> goes: a sip:/sips: URI is called directly; an E.164 number
/// (<see cref="E164Number"/>) goes to the configured trunk with the number as user part and the trunk's digest
/// credentials. Anything else, or E.164 without a trunk, is an error (never an exception).
/// </summary>
public sealed record DialTarget(SipUri? RequestUri, bool ViaTrunk, string? Error)
{
    public static DialTarget Resolve(string to, TrunkOptions trunk)
    {
        if (to.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || to.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            return DialableSipUri.IsValid(to) && SipUri.TryParse(to, out var direct) && direct.IsSip && direct.Host.Length > 0
                ? new DialTarget(direct, false, null)
                : new DialTarget(null, false, $"'{to}' is not a valid SIP URI");
        }

        if (!E164Number.IsValid(to))
        {
            return new DialTarget(null, false, $"'{to}' is neither a sip: URI nor an E.164 number");
        }

        if (string.IsNullOrWhiteSpace(trunk.Uri) || !SipUri.TryParse(trunk.Uri, out var trunkUri) || !trunkUri.IsSip)
        {
            return new DialTarget(null, true, $"cannot dial {to}: no SIP trunk configured (MediaNode__Trunk__Uri)");
        }

        var port = trunkUri.Port is { } p ? ":" + p : "";
        var text = $"{trunkUri.Scheme}:{to}@{trunkUri.Host}{port}{trunkUri.Parameters}";
        return SipUri.TryParse(text, out var viaTrunk)
            ? new DialTarget(viaTrunk, true, null)
            : new DialTarget(null, true, $"cannot build a trunk URI for {to} from {trunk.Uri}");
    }
}
