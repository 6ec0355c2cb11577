namespace Voice.Engine.Nodes;

/// <summary>The platform's view of the media-node fleet (configuration section <c>MediaNodes</c>).</summary>
public sealed class MediaNodeFleetOptions
{
    public const string Section = "MediaNodes";

    /// <summary>A node whose last heartbeat is older than this is declared lost and its calls end failed (default 15 s).</summary>
    public TimeSpan LostAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the sweep looks for lost nodes (default 5 s).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long placement trusts its copy of the registry (default 1 s); its own placements count meanwhile.</summary>
    public TimeSpan RegistryCacheFor { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The Retry-After of a 503 when no node has room (default 5 s).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
