namespace Voice.Core.Calls;

/// <summary>Direction of a call leg relative to the platform.</summary>
public enum CallDirection
{
    Inbound,
    Outbound,
}
