namespace Voice.Core.Accounts;

/// <summary>What an inbound call to an application's number does first.</summary>
public enum InboundBehaviour
{
    /// <summary>Fetch a call flow from the answer URL (Telefon, Vonage).</summary>
    Fetch,

    /// <summary>Park the call and wait for commands after the call.initiated webhook (Telnyx Call Control).</summary>
    Park,
}
