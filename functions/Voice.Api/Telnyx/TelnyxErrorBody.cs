using System.Text.Json.Serialization;

namespace Voice.Api.Telnyx;

/// <summary>
/// Telnyx's error body (JSON:API errors): <c>{"errors":[{"code","title","detail","source":{"pointer"}}]}</c>. A bad
/// body field is named by its JSON pointer (<c>/webhook_event_url</c>), a bad query parameter by
/// <c>source.parameter</c> (<c>page[size]</c>), as JSON:API does.
/// </summary>
public sealed record TelnyxErrorBody(IReadOnlyList<TelnyxError> Errors);

/// <summary>One error of a <see cref="TelnyxErrorBody"/>; <see cref="Code"/> is one of <see cref="TelnyxErrorCodes"/>.</summary>
public sealed record TelnyxError(string Code, string Title, string Detail, TelnyxErrorSource? Source = null);

/// <summary>Where the error is: a body field's JSON pointer, or a query parameter's name.</summary>
public sealed record TelnyxErrorSource(
    [property: JsonPropertyName("pointer")] string? JsonPointer = null,
    string? Parameter = null);
