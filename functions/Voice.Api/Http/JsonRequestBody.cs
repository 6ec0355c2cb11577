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
    public static async Task<(JsonDocument? Body, IResult? Error)> ReadAsync(HttpRequest request, bool optional, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody && optional && string.IsNullOrEmpty(request.ContentType))
        {
            return (null, null);
        }

        if (!IsJson(request.ContentType))
        {
            return (null, ApiResults.Error(
                StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "the request body must be application/json"));
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
                return (null, TooLarge());
            }

            if (length == 0)
            {
                return optional ? (null, null) : (null, ApiResults.Error(StatusCodes.Status400BadRequest, "invalid_json", "the request body is empty"));
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 32 });
            }
            catch (JsonException e)
            {
                return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "invalid_json", "malformed JSON: " + e.Message));
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "invalid_json", "the request body must be a JSON object"));
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

    private static IResult TooLarge() => ApiResults.Error(
        StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"the request body is larger than {MaxBytes / 1024} KiB");
}
