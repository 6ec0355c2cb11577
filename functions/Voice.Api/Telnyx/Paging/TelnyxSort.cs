namespace Voice.Api.Telnyx;

/// <summary>Telnyx's <c>sort</c> parameter: a field name, ascending, or <c>-field</c>, descending.</summary>
public sealed record TelnyxSort(string Field, bool Descending);
