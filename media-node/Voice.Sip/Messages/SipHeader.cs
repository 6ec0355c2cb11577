namespace Voice.Sip.Messages;

/// <summary>One header field: its canonical name and its value with folding removed and ends trimmed.</summary>
public readonly record struct SipHeader(string Name, string Value);
