using Voice.Api.Http;
using Voice.Media.Contracts.Addressing;

namespace Voice.Api.Vonage.Calls;

/// <summary>
/// Vonage endpoint objects (<c>to[]</c>, <c>from</c>, a transfer's): <c>phone</c> {number: digits, optional +} and
/// <c>sip</c> {uri} become the address we dial; <c>websocket</c>, <c>app</c> and <c>vbc</c> are refused with a 422
/// naming the type. A phone's <c>dtmfAnswer</c> digits are sent once the callee answers.
/// </summary>
public static class VonageEndpoints
{
    /// <summary>The address (+E.164 or sip: URI) of the first endpoint of the list at <paramref name="name"/>, or null with the error set.</summary>
    public static VonageEndpoint ReadList(BodyFields fields, string name, bool required)
    {
        var list = fields.NestedList(name, maxItems: 1);
        if (list is null)
        {
            fields.Require(!required, name, $"'{name}' is required: an array with one endpoint");
            return new VonageEndpoint(null);
        }

        fields.Require(list.Count == 1, name, $"'{name}' must hold exactly one endpoint");
        return list.Count == 1 ? Read(list[0], $"{name}[0]") : new VonageEndpoint(null);
    }

    public static VonageEndpoint Read(BodyFields endpoint, string name)
    {
        var type = endpoint.OneOf("type", ["phone", "sip", "websocket", "app", "vbc"]);
        switch (type)
        {
            case "phone":
                var number = endpoint.Text("number", required: true, maxLength: 20);
                var e164 = number is null ? null : VonageNumbers.FromWire(number);
                endpoint.Require(number is null || e164 is not null, "number", $"'{name}.number' must be a phone number in E.164 format without '+' (7 to 15 digits)");
                var dtmfAnswer = endpoint.Text("dtmfAnswer", maxLength: 64) ?? endpoint.Text("dtmf_answer", maxLength: 64);
                endpoint.Require(
                    dtmfAnswer is null || dtmfAnswer.All(c => char.IsAsciiDigit(c) || c is '*' or '#' or 'p'), "dtmfAnswer", $"'{name}.dtmfAnswer' must hold only 0-9, *, # and p (a pause)");
                return new VonageEndpoint(e164) { DtmfAnswer = dtmfAnswer?.Replace("p", "", StringComparison.Ordinal) is { Length: > 0 } digits ? digits : null };
            case "sip":
                var uri = endpoint.Text("uri", required: true, maxLength: DialableSipUri.MaxLength);
                endpoint.Require(uri is null || DialableSipUri.IsValid(uri), "uri", $"'{name}.uri' must be a sip: or sips: URI");
                return new VonageEndpoint(uri);
            case null:
                endpoint.Require(false, "type", $"'{name}.type' is required: phone or sip");
                return new VonageEndpoint(null);
            default:
                return new VonageEndpoint(null) { Unsupported = VonageResults.Unsupported($"'{name}.type' {type} (only phone and sip endpoints can be called)") };
        }
    }

    /// <summary>A Vonage URL field: an array with one absolute http(s) URL; null when absent.</summary>
    public static string? Url(BodyFields fields, string name)
    {
        var list = fields.TextList(name, 1, 2048, u => Voice.Core.Addressing.HttpUrl.IsAbsolute(u) ? null : "must be an absolute http or https URL");
        fields.Require(list is null || list.Count == 1, name, $"'{name}' must be an array with one URL");
        return list is [var url] ? url : null;
    }
}

/// <summary>An endpoint read from a request: the address to dial, digits to send on answer, or why it cannot be called.</summary>
public sealed record VonageEndpoint(string? Address)
{
    public string? DtmfAnswer { get; init; }

    public Microsoft.AspNetCore.Http.IResult? Unsupported { get; init; }
}
