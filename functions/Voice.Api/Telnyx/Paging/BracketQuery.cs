using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Voice.Api.Telnyx;

/// <summary>
/// Query parameters in Telnyx's bracket syntax (deepObject), as a tree: <c>filter[application_name][contains]=x</c>
/// is <c>Value("filter", "application_name", "contains")</c>, <c>page[size]=5</c> is <c>Value("page", "size")</c>,
/// <c>sort=-created_at</c> is <c>Value("sort")</c>. Keys are parsed as spans, without regular expressions.
/// Refused, naming the parameter: a key with no name before <c>[</c>, unbalanced or empty brackets, text after a
/// <c>]</c>, more than <see cref="MaxDepth"/> levels, a parameter given twice, and a parameter that is both a value
/// and a parent (<c>filter=x&amp;filter[a]=y</c>).
/// </summary>
public sealed class BracketQuery
{
    /// <summary>Levels a key may have, its name included (<c>filter[a][b][c]</c> is 4).</summary>
    public const int MaxDepth = 4;

    private readonly Node root = new();

    private BracketQuery()
    {
    }

    /// <summary>The parsed query, or the 400 error (<see cref="TelnyxResults.InvalidQuery"/>) naming the bad parameter.</summary>
    public static (BracketQuery? Query, IResult? Error) Parse(IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var query = new BracketQuery();
        var path = new List<string>(MaxDepth);
        foreach (var (key, values) in parameters)
        {
            path.Clear();
            if (Problem(key, path) is { } problem)
            {
                return (null, TelnyxResults.InvalidQuery(key, $"query parameter '{key}' {problem}"));
            }

            if (values.Count != 1)
            {
                return (null, TelnyxResults.InvalidQuery(key, $"query parameter '{key}' must be given once"));
            }

            if (!query.root.TryAdd(path, values[0] ?? ""))
            {
                return (null, TelnyxResults.InvalidQuery(key, $"query parameter '{key}' conflicts with another parameter of the same name"));
            }
        }

        return (query, null);
    }

    /// <summary>The value at <paramref name="path"/>, or null when absent or when it has nested parameters instead.</summary>
    public string? Value(params string[] path) => root.Find(path)?.Value;

    /// <summary>The names nested under <paramref name="path"/> (<c>Children("filter")</c>: the filters given).</summary>
    public IReadOnlyCollection<string> Children(params string[] path) =>
        root.Find(path)?.Children?.Keys ?? (IReadOnlyCollection<string>)[];

    /// <summary>Splits <paramref name="key"/> into <paramref name="path"/>; null when well-formed, else what is wrong.</summary>
    private static string? Problem(ReadOnlySpan<char> key, List<string> path)
    {
        var open = key.IndexOf('[');
        var name = open < 0 ? key : key[..open];
        if (name.IsEmpty)
        {
            return "has no name before '['";
        }

        if (name.Contains(']'))
        {
            return "has a ']' without its '['";
        }

        path.Add(name.ToString());
        var rest = open < 0 ? [] : key[open..];
        while (!rest.IsEmpty)
        {
            if (rest[0] != '[')
            {
                return "has text after a ']'";
            }

            var close = rest.IndexOf(']');
            if (close < 0)
            {
                return "has a '[' without its ']'";
            }

            var segment = rest[1..close];
            if (segment.IsEmpty)
            {
                return "has empty brackets";
            }

            if (segment.Contains('['))
            {
                return "has a '[' inside brackets";
            }

            if (path.Count == MaxDepth)
            {
                return $"is nested more than {MaxDepth} levels";
            }

            path.Add(segment.ToString());
            rest = rest[(close + 1)..];
        }

        return null;
    }

    private sealed class Node
    {
        public string? Value { get; private set; }

        public Dictionary<string, Node>? Children { get; private set; }

        public Node? Find(IReadOnlyList<string> path)
        {
            var node = this;
            foreach (var name in path)
            {
                if (node.Children is null || !node.Children.TryGetValue(name, out node))
                {
                    return null;
                }
            }

            return node;
        }

        /// <summary>False when the path is already a value, or a parent, or passes through a value.</summary>
        public bool TryAdd(IReadOnlyList<string> path, string value)
        {
            var node = this;
            foreach (var name in path)
            {
                if (node.Value is not null)
                {
                    return false;
                }

                node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                if (!node.Children.TryGetValue(name, out var next))
                {
                    next = new Node();
                    node.Children[name] = next;
                }

                node = next;
            }

            if (node.Value is not null || node.Children is not null)
            {
                return false;
            }

            node.Value = value;
            return true;
        }
    }
}
