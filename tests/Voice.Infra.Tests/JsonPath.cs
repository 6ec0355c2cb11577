using System.Text.Json;

namespace Voice.Infra.Tests;

/// <summary>Short reads of nested JSON properties; a missing step fails the test with the full path.</summary>
public static class JsonPath
{
    public static JsonElement At(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next))
            {
                throw new KeyNotFoundException($"'{string.Join('.', path)}' not found (stopped at '{name}')");
            }

            current = next;
        }

        return current;
    }

    public static string Text(this JsonElement element, params string[] path) =>
        element.At(path).GetString() ?? throw new InvalidDataException($"'{string.Join('.', path)}' is null");

    public static bool Has(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return false;
            }
        }

        return true;
    }
}
