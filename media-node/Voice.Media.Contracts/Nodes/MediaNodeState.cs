namespace Voice.Media.Contracts.Nodes;

/// <summary>A media-node's state in the registry.</summary>
public enum MediaNodeState
{
    /// <summary>Heartbeating and taking new calls.</summary>
    Active,

    /// <summary>Told to drain: takes no new calls, finishes the ones it has.</summary>
    Draining,

    /// <summary>Missed its heartbeats; its calls were ended <c>failed</c> (<c>media_node_lost</c>).</summary>
    Lost,
}
