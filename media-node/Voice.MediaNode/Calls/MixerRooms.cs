using Voice.Media.Clock;
using Voice.Media.Mixing;

namespace Voice.MediaNode.Calls;

/// <summary>
/// The node's mixers by name (a conference id, or a bridge of two calls): created on the first join and
/// registered with the media clock, unregistered when the last participant leaves. Thread-safe.
/// </summary>
public sealed class MixerRooms(MediaClock clock)
{
    private readonly Dictionary<string, ConferenceMixer> rooms = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>The mixer called <paramref name="name"/>, created and started when missing.</summary>
    public ConferenceMixer Open(string name)
    {
        lock (gate)
        {
            if (!rooms.TryGetValue(name, out var mixer))
            {
                mixer = new ConferenceMixer();
                rooms[name] = mixer;
                clock.Register(mixer);
            }

            return mixer;
        }
    }

    /// <summary>Stops and forgets the mixer called <paramref name="name"/> when nobody is in it any more.</summary>
    public void CloseIfEmpty(string name)
    {
        lock (gate)
        {
            if (rooms.TryGetValue(name, out var mixer) && mixer.Participants.Count == 0)
            {
                rooms.Remove(name);
                clock.Unregister(mixer);
            }
        }
    }
}
