namespace Voice.Core.Accounts;

/// <summary>The API dialect an application speaks: which webhook envelopes, signatures and command surface it gets.</summary>
public enum ApplicationDialect
{
    Telefon,
    Telnyx,
    Vonage,
}
