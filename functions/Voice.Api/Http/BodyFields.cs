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
    private readonly BodyFields? parent;
    private readonly string prefix;
    private readonly string pointerPrefix;
    private readonly FieldErrorShape shape;
    private IResult? error;

    /// <summary>Fields whose errors are Telefon's (400 naming the field).</summary>
    public BodyFields(JsonElement? root)
        : this(root, FieldError.Telefon)
    {
    }

    /// <summary>Fields whose errors <paramref name="shape"/> turns into a dialect's response.</summary>
    public BodyFields(JsonElement? root, FieldErrorShape shape)
        : this(root ?? default, null, "", "/", shape)
    {
    }

    private BodyFields(JsonElement root, BodyFields? parent, string prefix, string pointerPrefix, FieldErrorShape shape)
    {
        this.root = root;
        this.parent = parent;
        this.prefix = prefix;
        this.pointerPrefix = pointerPrefix;
        this.shape = shape;
    }

    /// <summary>The first validation error, if any (a nested object's errors are its parent's).</summary>
    public IResult? Error
    {
        get => parent is null ? error : parent.Error;
        private set
        {
            if (parent is null)
            {
                error = value;
            }
            else
            {
                parent.Error = value;
            }
        }
    }

    /// <summary>
    /// The fields of a nested object, or null when absent; its errors name <c>object.field</c> and land here.
    /// </summary>
    public BodyFields? Nested(string name)
    {
        if (!TryGet(name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(name, $"'{name}' must be an object");
            return null;
        }

        return new BodyFields(value, this, Path(name) + ".", Pointer(name) + "/", shape);
    }

    /// <summary>
    /// The fields of each object of an array, or null when absent (or wrong: the error is recorded); their errors name
    /// <c>list[i].field</c>, pointer <c>/list/i/field</c>.
    /// </summary>
    public IReadOnlyList<BodyFields>? NestedList(string name, int maxItems)
    {
        if (!TryGet(name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > maxItems)
        {
            Fail(name, $"'{name}' must be an array of at most {maxItems} objects");
            return null;
        }

        var list = new List<BodyFields>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemName = $"{name}[{index}]";
            var itemPointer = Pointer(name) + "/" + index++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                FailList(itemName, itemPointer, $"'{Path(itemName)}' must be an object");
                return null;
            }

            list.Add(new BodyFields(item, this, Path(itemName) + ".", itemPointer + "/", shape));
        }

        return list;
    }

    /// <summary>One of <paramref name="allowed"/> (exact), or null when absent.</summary>
    public string? OneOf(string name, IReadOnlyList<string> allowed)
    {
        var text = Text(name, maxLength: 64);
        if (text is null || allowed.Contains(text))
        {
            return text;
        }

        return Fail(name, $"'{name}' must be one of: {string.Join(", ", allowed)}");
    }

    /// <summary>
    /// An array of strings, each at most <paramref name="maxLength"/> characters and passing <paramref name="problem"/>
    /// (null when fine, else what is wrong); null when absent. An element's error names <c>name[i]</c>.
    /// </summary>
    public IReadOnlyList<string>? TextList(string name, int maxItems, int maxLength, Func<string, string?> problem)
    {
        if (!TryGet(name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > maxItems)
        {
            return FailList(name, Pointer(name), $"'{Path(name)}' must be an array of at most {maxItems} strings");
        }

        var list = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemName = $"{name}[{index}]";
            var itemPointer = Pointer(name) + "/" + index++;
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { } text || text.Length > maxLength)
            {
                return FailList(itemName, itemPointer, $"'{Path(itemName)}' must be a string of at most {maxLength} characters");
            }

            if (problem(text) is { } wrong)
            {
                return FailList(itemName, itemPointer, $"'{Path(itemName)}' {wrong}");
            }

            list.Add(text);
        }

        return list;
    }

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

    /// <summary>A JSON number (integer or not) within <paramref name="min"/>..<paramref name="max"/>, or null when absent.</summary>
    public double? Number(string name, double min, double max)
    {
        if (!TryGet(name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return FailValue<double>(name, $"'{name}' must be a number from {min} to {max}");
        }

        return number < min || number > max ? FailValue<double>(name, $"'{name}' must be from {min} to {max}") : number;
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

    /// <summary>
    /// True when the field is given as JSON <c>null</c> (every typed read treats that as absent); dialects whose
    /// PATCH clears a value with <c>null</c> (Telnyx) ask this.
    /// </summary>
    public bool IsNull(string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Null;

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
                Error = shape(new FieldError(Path(name), Pointer(name), Missing: true, $"'{Path(name)}' is required"));
            }

            return false;
        }

        return true;
    }

    private string? Fail(string name, string message)
    {
        Error ??= shape(new FieldError(Path(name), Pointer(name), Missing: false, message.Replace($"'{name}'", $"'{Path(name)}'", StringComparison.Ordinal)));
        return null;
    }

    private IReadOnlyList<string>? FailList(string name, string pointer, string message)
    {
        Error ??= shape(new FieldError(Path(name), pointer, Missing: false, message));
        return null;
    }

    private string Path(string name) => prefix + name;

    /// <summary>The field's JSON pointer (RFC 6901: '~' and '/' in names escaped).</summary>
    private string Pointer(string name) => pointerPrefix + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private T? FailValue<T>(string name, string message)
        where T : struct
    {
        Fail(name, message);
        return null;
    }
}
