namespace Voice.Sip.Sdp;

/// <summary>A line the model does not interpret (<c>i=</c>, <c>u=</c>, <c>b=</c>, <c>k=</c>, ...), kept so it round-trips.</summary>
public readonly record struct SdpLine(char Type, string Value);
