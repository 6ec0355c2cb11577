using System.Globalization;
using System.Text.Json;
using Voice.Core.Addressing;

namespace Voice.Core.CallFlow;

/// <summary>
/// Reads the fields of one JSON object of a call-flow document with strict validation. The first problem is
/// kept in <see cref="Error"/> (with its JSON-pointer path) and later reads return defaults, so a parser can read
/// every field and then check once.
/// </summary>
internal sealed class ActionFieldReader(JsonElement element, string path)
{
    private const int MaxUrlLength = 2048;
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    public CallFlowError? Error { get; private set; }

    public string Path => path;

    public string PathOf(string name) => $"{path}/{name}";

    public void Fail(string name, string message) => Error ??= new CallFlowError(name.Length == 0 ? path : PathOf(name), message);

    /// <summary>Takes over a nested object's error, which already carries its full path.</summary>
    public void Adopt(CallFlowError error) => Error ??= error;

    public bool Has(string name) => element.TryGetProperty(name, out _);

    public string? String(string name, bool required, int maxLength)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, "must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length == 0 || text.Length > maxLength)
        {
            Fail(name, $"must be 1..{maxLength} characters long");
            return null;
        }

        return text;
    }

    /// <summary>An integer in min..max. Numeric strings are accepted too, as Vonage's own SDKs send some integers as strings.</summary>
    public int Int(string name, int min, int max, int fallback) => OptionalInt(name, min, max) ?? fallback;

    public int? OptionalInt(string name, int min, int max)
    {
        if (!TryGet(name, false, out var value))
        {
            return null;
        }

        long number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
        {
            number = n;
        }
        else if (value.ValueKind == JsonValueKind.String &&
                 long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            number = parsed;
        }
        else
        {
            Fail(name, "must be an integer");
            return null;
        }

        if (number < min || number > max)
        {
            Fail(name, $"must be {min}..{max}");
            return null;
        }

        return (int)number;
    }

    public bool Bool(string name, bool fallback)
    {
        if (!TryGet(name, false, out var value))
        {
            return fallback;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail(name, "must be true or false");
            return fallback;
        }

        return value.GetBoolean();
    }

    /// <summary>A number in min..max given as a JSON number or a numeric string (Vonage's <c>level</c>); checked, not kept.</summary>
    public void Number(string name, double min, double max) => OptionalNumber(name, min, max);

    /// <summary>A number in min..max given as a JSON number or a numeric string; null when absent or wrong.</summary>
    public double? OptionalNumber(string name, double min, double max)
    {
        if (!TryGet(name, false, out var value))
        {
            return null;
        }

        double number;
        if (value.ValueKind == JsonValueKind.Number)
        {
            number = value.GetDouble();
        }
        else if (value.ValueKind != JsonValueKind.String ||
                 !double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            Fail(name, "must be a number");
            return null;
        }

        if (number < min || number > max)
        {
            Fail(name, $"must be {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return number;
    }

    /// <summary>One absolute http(s) URL, given as a string or (as NCCO requires) an array holding exactly one URL.</summary>
    public string? Url(string name, bool required, bool webSocket = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        var itemPath = name;
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (value.GetArrayLength() != 1)
            {
                Fail(name, "must hold exactly one URL");
                return null;
            }

            value = value[0];
            itemPath = name + "/0";
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(itemPath, "must be a URL string or an array with one URL string");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > MaxUrlLength)
        {
            Fail(itemPath, $"URL is longer than {MaxUrlLength} characters");
            return null;
        }

        if (webSocket && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss")
        {
            return text;
        }

        if (!HttpUrl.IsAbsolute(text))
        {
            Fail(itemPath, webSocket ? "must be an absolute http, https, ws or wss URL" : "must be an absolute http or https URL");
            return null;
        }

        return text;
    }

    /// <summary><c>{name}</c> plus its <c>{name}Method</c> sibling (GET or POST, default <paramref name="defaultMethod"/>).</summary>
    public WebhookTarget? Webhook(string name, string methodName, bool required, string defaultMethod)
    {
        var url = Url(name, required);
        var method = String(methodName, false, 8)?.ToUpperInvariant();
        if (method is not null and not ("GET" or "POST"))
        {
            Fail(methodName, "must be GET or POST");
            return null;
        }

        if (method is not null && url is null && Error is null)
        {
            Fail(methodName, $"needs {name}");
            return null;
        }

        return url is null ? null : new WebhookTarget(url, method ?? defaultMethod);
    }

    /// <summary>An array of non-empty strings (at most <paramref name="maxItems"/>).</summary>
    public IReadOnlyList<string>? StringArray(string name, int maxItems)
    {
        if (!TryGet(name, false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, "must be an array of strings");
            return null;
        }

        if (value.GetArrayLength() > maxItems)
        {
            Fail(name, $"must hold at most {maxItems} items");
            return null;
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(item.GetString()))
            {
                Fail($"{name}/{index}", "must be a non-empty string");
                return null;
            }

            items.Add(item.GetString()!);
            index++;
        }

        return items;
    }

    /// <summary>A nested object; its reader reports paths below this one.</summary>
    public ActionFieldReader? Object(string name, bool required)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(name, "must be an object");
            return null;
        }

        return new ActionFieldReader(value, PathOf(name));
    }

    /// <summary>The raw JSON of a field that must be an object.</summary>
    public string? RawObject(string name, bool required, int maxLength)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(name, "must be an object");
            return null;
        }

        var raw = value.GetRawText();
        if (raw.Length > maxLength)
        {
            Fail(name, $"must be at most {maxLength} characters of JSON");
            return null;
        }

        return raw;
    }

    /// <summary>The raw element of a field, for shapes the caller checks itself.</summary>
    public JsonElement? Raw(string name, bool required) => TryGet(name, required, out var value) ? value : null;

    /// <summary>Fails on a property that was never read or tolerated, or that appears twice.</summary>
    public void RejectUnknownProperties()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                Fail(property.Name, "appears more than once");
            }
            else if (!known.Contains(property.Name))
            {
                Fail(property.Name, "unknown property");
            }
        }
    }

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        known.Add(name);
        if (element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            Fail(name, "is required");
        }

        return false;
    }
}
