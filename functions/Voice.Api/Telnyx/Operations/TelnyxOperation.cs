namespace Voice.Api.Telnyx;

/// <summary>
/// One operation of Telnyx's API: method, path under <c>/v2</c> with its parameters in braces
/// (<c>/calls/{call_control_id}/actions/answer</c>), operation id and summary as the seed names them.
/// </summary>
public sealed record TelnyxOperation(string Method, string Path, string OperationId, string Summary)
{
    /// <summary>Whether <paramref name="path"/> (under /v2, no query) is this operation's path, a parameter matching any one segment.</summary>
    public bool Matches(string method, ReadOnlySpan<char> path)
    {
        if (!method.Equals(Method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var template = Path.AsSpan().Trim('/');
        path = path.Trim('/');
        while (true)
        {
            var t = template.IndexOf('/');
            var p = path.IndexOf('/');
            var templateSegment = t < 0 ? template : template[..t];
            var pathSegment = p < 0 ? path : path[..p];
            var parameter = templateSegment.StartsWith('{') && templateSegment.EndsWith('}');
            if (pathSegment.IsEmpty || (!parameter && !templateSegment.SequenceEqual(pathSegment)))
            {
                return false;
            }

            if (t < 0 || p < 0)
            {
                return t < 0 && p < 0;
            }

            template = template[(t + 1)..];
            path = path[(p + 1)..];
        }
    }
}
