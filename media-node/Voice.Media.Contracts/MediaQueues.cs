namespace Voice.Media.Contracts;

/// <summary>Names of the Azure Storage queues and blob containers shared by the functions and the media-node.</summary>
public static class MediaQueues
{
    /// <summary>The shared command queue of old single-node deployments; no node reads it any more.</summary>
    public const string Commands = "media-commands";

    /// <summary>Each node run's own command queue: <c>media-commands-{nodeId}-{incarnation}</c> (see <see cref="Nodes.MediaNodeAddress"/>).</summary>
    public const string NodeCommandsPrefix = "media-commands-";

    /// <summary>Command messages a node could not handle (malformed, or failing after every attempt), kept for inspection.</summary>
    public const string CommandsPoison = "media-commands-poison";

    /// <summary>The node registry table (<see cref="Nodes.MediaNodeRegistry"/>).</summary>
    public const string NodesTable = "medianodes";

    /// <summary>Events from the media-node to the lifecycles.</summary>
    public const string Events = "media-events";

    /// <summary>Blob container that receives finished recordings.</summary>
    public const string RecordingsContainer = "recordings";
}
