namespace Voice.Sip.Transport;

/// <summary>Outcome of <see cref="SipTcpConnection.WriteAsync"/>.</summary>
internal enum SipTcpWriteResult
{
    /// <summary>The whole message was handed to the socket.</summary>
    Sent,

    /// <summary>The connection was already closed; nothing was written, so another connection may carry the message.</summary>
    NotSent,

    /// <summary>The write failed, possibly part-way; the connection is closed.</summary>
    Failed,
}
