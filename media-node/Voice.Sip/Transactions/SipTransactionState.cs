namespace Voice.Sip.Transactions;

/// <summary>States of the RFC 3261 §17 transaction machines (with the RFC 6026 Accepted state for INVITE 2xx).</summary>
public enum SipTransactionState
{
    /// <summary>INVITE client: request sent, nothing received.</summary>
    Calling,

    /// <summary>Non-INVITE: request sent or received, no response yet.</summary>
    Trying,

    /// <summary>A provisional response was sent or received.</summary>
    Proceeding,

    /// <summary>A final non-2xx (INVITE) or any final (non-INVITE) response was sent or received.</summary>
    Completed,

    /// <summary>INVITE server: ACK received for a non-2xx final response.</summary>
    Confirmed,

    /// <summary>INVITE: a 2xx was sent or received; absorbs retransmissions (RFC 6026).</summary>
    Accepted,

    /// <summary>Finished; the transaction is gone from the table.</summary>
    Terminated,
}
