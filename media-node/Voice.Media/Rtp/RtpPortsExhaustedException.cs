namespace Voice.Media.Rtp;

/// <summary>
/// Thrown by <see cref="RtpPortAllocator.Allocate"/> when no pair of the range can be bound (all in use by calls or
/// other processes): the node is at capacity, so a new call should be refused (SIP 503) rather than failed.
/// </summary>
public sealed class RtpPortsExhaustedException(string message) : InvalidOperationException(message);
