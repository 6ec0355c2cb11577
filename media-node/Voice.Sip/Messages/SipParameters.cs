using System.Text;

namespace Voice.Sip.Messages;

/// <summary>
/// An ordered list of <c>;name[=value]</c> parameters (URI parameters or header parameters). Names compare
/// case-insensitively. Parsing is strict: empty names, stray separators and unterminated quotes are rejected.
/// </summary>
public sealed class SipParameters
{
    private readonly List<SipParameter> items = [];

    /// <summary>Parameters in the order they were written.</summary>
    public IReadOnlyList<SipParameter> Items => items;

    /// <summary>Number of parameters.</summary>
    public int Count => items.Count;

    /// <summary>True when a parameter with this name is present (with or without a value).</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of the first parameter named <paramref name="name"/>; null when absent or value-less.</summary>
    public string? Get(string name)
    {
        var index = IndexOf(name);
        return index >= 0 ? items[index].Value : null;
    }

    /// <summary>Sets (replacing) a parameter; a null value writes a flag parameter such as <c>;lr</c>.</summary>
    public void Set(string name, string? value)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            items[index] = new SipParameter(items[index].Name, value);
        }
        else
        {
            items.Add(new SipParameter(name, value));
        }
    }

    /// <summary>Removes every parameter named <paramref name="name"/>.</summary>
    public void Remove(string name) => items.RemoveAll(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A copy with the same parameters.</summary>
    public SipParameters Clone()
    {
        var copy = new SipParameters();
        copy.items.AddRange(items);
        return copy;
    }

    private int IndexOf(string name) => items.FindIndex(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Writes <c>;name=value</c> for each parameter.</summary>
    public void AppendTo(StringBuilder builder)
    {
        foreach (var p in items)
        {
            builder.Append(';').Append(p.Name);
            if (p.Value is not null)
            {
                builder.Append('=').Append(p.Value);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendTo(builder);
        return builder.ToString();
    }

    /// <summary>
    /// Parses header parameters (<c>*( SEMI generic-param )</c>, LWS allowed around <c>;</c> and <c>=</c>).
    /// <paramref name="text"/> must start with <c>;</c> or be blank.
    /// </summary>
    public static bool TryParseHeaderParameters(ReadOnlySpan<char> text, out SipParameters parameters)
    {
        parameters = new SipParameters();
        var i = 0;
        while (true)
        {
            i = SkipWhitespace(text, i);
            if (i >= text.Length)
            {
                return true;
            }

            if (text[i] != ';')
            {
                return false;
            }

            i = SkipWhitespace(text, i + 1);
            var nameStart = i;
            while (i < text.Length && SipCharacters.IsTokenChar(text[i]))
            {
                i++;
            }

            if (i == nameStart)
            {
                return false;
            }

            var name = text[nameStart..i].ToString();
            i = SkipWhitespace(text, i);
            string? value = null;
            if (i < text.Length && text[i] == '=')
            {
                i = SkipWhitespace(text, i + 1);
                if (!TryReadGenericValue(text, ref i, out value))
                {
                    return false;
                }
            }

            parameters.items.Add(new SipParameter(name, value));
        }
    }

    /// <summary>Parses URI parameters (<c>;name[=value]</c> with no whitespace); text must start with <c>;</c> or be empty.</summary>
    public static bool TryParseUriParameters(ReadOnlySpan<char> text, out SipParameters parameters)
    {
        parameters = new SipParameters();
        while (!text.IsEmpty)
        {
            if (text[0] != ';')
            {
                return false;
            }

            text = text[1..];
            var end = text.IndexOf(';');
            var item = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[end..];
            var eq = item.IndexOf('=');
            var name = eq < 0 ? item : item[..eq];
            var value = eq < 0 ? default : item[(eq + 1)..];
            if (name.IsEmpty || !IsUriParamText(name) || (eq >= 0 && (value.IsEmpty || !IsUriParamText(value))))
            {
                return false;
            }

            parameters.items.Add(new SipParameter(name.ToString(), eq < 0 ? null : value.ToString()));
        }

        return true;
    }

    private static bool IsUriParamText(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(SipCharacters.IsTokenChar(c) || c is '[' or ']' or '/' or ':' or '&' or '$' or '(' or ')'))
            {
                return false;
            }
        }

        return true;
    }

    // gen-value = token / host / quoted-string
    private static bool TryReadGenericValue(ReadOnlySpan<char> text, ref int i, out string? value)
    {
        value = null;
        if (i < text.Length && text[i] == '"')
        {
            if (!SipQuotedString.TryFindEnd(text, i, out var end))
            {
                return false;
            }

            value = text[i..(end + 1)].ToString();
            i = end + 1;
            return true;
        }

        var start = i;
        while (i < text.Length && (SipCharacters.IsTokenChar(text[i]) || text[i] is '[' or ']' or ':'))
        {
            i++;
        }

        if (i == start)
        {
            return false;
        }

        value = text[start..i].ToString();
        return true;
    }

    private static int SkipWhitespace(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && SipCharacters.IsWhitespace(text[i]))
        {
            i++;
        }

        return i;
    }
}
