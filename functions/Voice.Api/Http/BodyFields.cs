using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Voice.Api.Http;

/// <summary>
/// Typed reads of a JSON request object that remember the first error, naming the field. Unknown fields are
/// ignored, as the vendors' APIs do. <c>null</c> counts as absent.
/// </summary>
public sealed class BodyFields
{
    private readonly JsonElement root;

    public BodyFields(JsonElement? root)
    {
        this.root = root ?? default;
    }

    /// <summary>The first validation error, if any.</summary>
    public IResult? Error { get; private set; }

    public string? Text(string name, bool required = false, int maxLength = 2048)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return Fail(name, $"'{name}' must be a string");
        }

        var text = value.GetString()!;
        if (required && text.Length == 0)
        {
            return Fail(name, $"'{name}' must not be empty");
        }

        return text.Length > maxLength ? Fail(name, $"'{name}' must be at most {maxLength} characters") : text;
    }

    public int? WholeNumber(string name, int min, int max)
    {
        if (!TryGet(name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            return FailValue<int>(name, $"'{name}' must be an integer from {min} to {max}");
        }

        return number < min || number > max ? FailValue<int>(name, $"'{name}' must be from {min} to {max}") : number;
    }

    public bool? Flag(string name)
    {
        if (!TryGet(name, required: false, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => FailValue<bool>(name, $"'{name}' must be true or false"),
        };
    }

    /// <summary>Records an error for <paramref name="name"/> unless <paramref name="valid"/>.</summary>
    public void Require(bool valid, string name, string message)
    {
        if (!valid)
        {
            Fail(name, message);
        }
    }

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        value = default;
        if (Error is not null)
        {
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error = ApiResults.Missing(name);
            }

            return false;
        }

        return true;
    }

    private string? Fail(string name, string message)
    {
        Error ??= ApiResults.Invalid(name, message);
        return null;
    }

    private T? FailValue<T>(string name, string message)
        where T : struct
    {
        Fail(name, message);
        return null;
    }
}
