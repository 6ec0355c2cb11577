using Voice.Media.Clock;
using Voice.Media.Mixing;
using Voice.Media.Recording;

namespace Voice.MediaNode.Calls;

/// <summary>
/// The node's mixers by name (a conference id, or a bridge of two calls): created on the first join and
/// registered with the media clock, unregistered when the last participant leaves and the mix is not being
/// recorded (a conference recording runs on, recording silence, while its conference is empty). Thread-safe.
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
            if (rooms.TryGetValue(name, out var mixer) && mixer.Participants.Count == 0 && mixer.Recorder is null)
            {
                rooms.Remove(name);
                clock.Unregister(mixer);
            }
        }
    }

    /// <summary>Records the mix of <paramref name="name"/> (opened when missing: the first participant may join later).</summary>
    public void StartRecording(string name, WavRecorder recorder)
    {
        lock (gate)
        {
            Open(name).Recorder = recorder;
        }
    }

    /// <summary>Stops recording the mix of <paramref name="name"/>, closing the room when nobody is in it.</summary>
    public void StopRecording(string name)
    {
        lock (gate)
        {
            if (rooms.TryGetValue(name, out var mixer))
            {
                mixer.Recorder = null;
                CloseIfEmpty(name);
            }
        }
    }
}
