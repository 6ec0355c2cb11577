namespace Voice.Sip.Dialogs;

/// <summary>What this user agent supports; drives <see cref="SipRequestValidator"/>.</summary>
public sealed record SipUasPolicy
{
    /// <summary>Methods answered by the UAS (anything else gets 405 with Allow).</summary>
    public IReadOnlyList<string> AllowedMethods { get; init; } = ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO", "NOTIFY", "REFER"];

    /// <summary>Option tags understood in Require (anything else gets 420 with Unsupported).</summary>
    public IReadOnlyList<string> SupportedExtensions { get; init; } = ["timer"];

    /// <summary>Body types understood (anything else gets 415 with Accept).</summary>
    public IReadOnlyList<string> AcceptedContentTypes { get; init; } = ["application/sdp", "message/sipfrag"];

    /// <summary>
    /// Methods whose body goes to the application whatever its type (INFO: DTMF relay, custom payloads), so their
    /// Content-Type is not checked against <see cref="AcceptedContentTypes"/>; a body without a Content-Type still gets 415.
    /// </summary>
    public IReadOnlyList<string> OpaqueBodyMethods { get; init; } = ["INFO"];

    /// <summary>Request-URI schemes served (anything else gets 416).</summary>
    public IReadOnlyList<string> UriSchemes { get; init; } = ["sip", "sips"];

    /// <summary>Realm used when a request carries credentials in a scheme we cannot check (answered with 401).</summary>
    public string Realm { get; init; } = "voice";
}
