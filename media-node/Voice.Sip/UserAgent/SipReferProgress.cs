namespace Voice.Sip.UserAgent;

/// <summary>One NOTIFY of a REFER's subscription: the status of the peer's request to the target, as its sipfrag said.</summary>
/// <param name="StatusCode">The sipfrag's status (100 Trying, 180 Ringing, 200 OK, 486 Busy Here…).</param>
/// <param name="ReasonPhrase">Its reason phrase.</param>
/// <param name="IsFinal">True for 2xx–6xx: the referred call was answered or failed.</param>
/// <param name="Sipfrag">The sipfrag's status line as received (for logs and webhooks).</param>
/// <param name="SubscriptionTerminated">True when the NOTIFY ended the subscription (no NOTIFY follows).</param>
public sealed record SipReferProgress(int StatusCode, string ReasonPhrase, bool IsFinal, string Sipfrag, bool SubscriptionTerminated);
