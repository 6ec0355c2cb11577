namespace Voice.Sip.Auth;

/// <summary>Username and password used to answer Digest challenges from a trunk or proxy.</summary>
public sealed record SipCredentials(string Username, string Password);
