using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Voice.Api.Http;

/// <summary>
/// Reads a JSON object request body with the API's limits: <c>application/json</c> only (415), at most
/// <see cref="MaxBytes"/> (413), well-formed JSON (400), an object at the top level (400).
/// </summary>
public static class JsonRequestBody
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>The parsed body, or the error result to return; an empty body is allowed only when <paramref name="optional"/>.</summary>
    public static Task<(JsonDocument? Body, IResult? Error)> ReadAsync(HttpRequest request, bool optional, CancellationToken cancellationToken) =>
        ReadAsync(request, optional, TelefonError, cancellationToken);

    /// <summary>
    /// The same reading, with the errors in a dialect's shape: <paramref name="error"/> gets what is wrong and a
    /// message saying so. An empty optional body is (null, null).
    /// </summary>
    public static async Task<(JsonDocument? Body, IResult? Error)> ReadAsync(
        HttpRequest request, bool optional, Func<BodyProblem, string, IResult> error, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, error(BodyProblem.TooLarge, TooLargeMessage));
        }

        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody && optional && string.IsNullOrEmpty(request.ContentType))
        {
            return (null, null);
        }

        if (!IsJson(request.ContentType))
        {
            return (null, error(BodyProblem.NotJson, "the request body must be application/json"));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= MaxBytes && (read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }

            if (length > MaxBytes)
            {
                return (null, error(BodyProblem.TooLarge, TooLargeMessage));
            }

            if (length == 0)
            {
                return optional ? (null, null) : (null, error(BodyProblem.Malformed, "the request body is empty"));
            }

            JsonDocument document;
            try
            {
                // A copy: the document reads the bytes it was parsed from for as long as it lives, and the pooled
                // buffer goes back to the pool (and to another request) when this method returns.
                document = JsonDocument.Parse(buffer.AsMemory(0, length).ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            }
            catch (JsonException e)
            {
                return (null, error(BodyProblem.Malformed, "malformed JSON: " + e.Message));
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return (null, error(BodyProblem.Malformed, "the request body must be a JSON object"));
            }

            return (document, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }

        return mediaType.Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }

    private static string TooLargeMessage => $"the request body is larger than {MaxBytes / 1024} KiB";

    private static IResult TelefonError(BodyProblem problem, string message) => problem switch
    {
        BodyProblem.TooLarge => ApiResults.Error(StatusCodes.Status413PayloadTooLarge, "payload_too_large", message),
        BodyProblem.NotJson => ApiResults.Error(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", message),
        _ => ApiResults.Error(StatusCodes.Status400BadRequest, "invalid_json", message),
    };
}
