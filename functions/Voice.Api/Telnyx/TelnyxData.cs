namespace Voice.Api.Telnyx;

/// <summary>A single resource on Telnyx's wire: <c>{"data":{…}}</c>.</summary>
public sealed record TelnyxData<T>(T Data);
