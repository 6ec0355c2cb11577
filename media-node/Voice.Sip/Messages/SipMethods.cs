namespace Voice.Sip.Messages;

/// <summary>Method names the stack handles itself; any other token is a valid extension method.</summary>
public static class SipMethods
{
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Info = "INFO";
    public const string Invite = "INVITE";
    public const string Message = "MESSAGE";
    public const string Notify = "NOTIFY";
    public const string Options = "OPTIONS";

    /// <summary>Asks the peer to send a request to a third party (RFC 3515): call transfer.</summary>
    public const string Refer = "REFER";
    public const string Register = "REGISTER";
    public const string Update = "UPDATE";
}
