namespace Voice.Media.Contracts;

/// <summary>Names of the Azure Storage queues and blob containers shared by the functions and the media-node.</summary>
public static class MediaQueues
{
    /// <summary>Commands from the lifecycles to the media-node.</summary>
    public const string Commands = "media-commands";

    /// <summary>Events from the media-node to the lifecycles.</summary>
    public const string Events = "media-events";

    /// <summary>Blob container that receives finished recordings.</summary>
    public const string RecordingsContainer = "recordings";
}
