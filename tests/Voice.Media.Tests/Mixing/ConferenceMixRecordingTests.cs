using Voice.Media.Dtmf;
using Voice.Media.Mixing;
using Voice.Media.Playback;
using Voice.Media.Recording;

namespace Voice.Media.Tests.Mixing;

/// <summary>A conference mixer's recorder: it gets what a silent listener hears, every mix.</summary>
public class ConferenceMixRecordingTests
{
    [Fact]
    public async Task The_recording_holds_every_speaking_member_and_is_one_frame_per_mix()
    {
        var mixer = new ConferenceMixer();
        var members = new[] { mixer.Join("a"), mixer.Join("b"), mixer.Join("c") };
        var audio = await RecordAsync(mixer, () =>
        {
            members[0].SubmitInput(Signals.Tone(500, 20, dbm0: -12));
            members[1].SubmitInput(Signals.Tone(900, 20, dbm0: -12));
            members[2].SubmitInput(Signals.Tone(1300, 20, dbm0: -12));
        }, mixes: 5);

        Assert.Equal(5 * 160, audio.Samples.Length);
        Assert.All(new double[] { 500, 900, 1300 }, f => Assert.True(Goertzel.EnergyFraction(audio.Samples.AsSpan(0, 160), f) > 0.05, $"{f} Hz in the mix"));
    }

    [Fact]
    public async Task Muted_members_and_whispers_are_not_recorded()
    {
        var mixer = new ConferenceMixer();
        var muted = mixer.Join("muted");
        var listener = mixer.Join("listener");
        var coach = mixer.Join("coach");
        muted.Muted = true;
        coach.Coaching = listener;
        var audio = await RecordAsync(mixer, () =>
        {
            muted.SubmitInput(Signals.Tone(500, 20, dbm0: -12));
            coach.SubmitInput(Signals.Tone(1300, 20, dbm0: -12));
        }, mixes: 3);

        Assert.All(audio.Samples, s => Assert.Equal(0, s));
    }

    [Fact]
    public async Task An_empty_conference_records_silence_and_loud_sums_are_clipped()
    {
        var empty = await RecordAsync(new ConferenceMixer(), () => { }, mixes: 2);
        Assert.Equal(320, empty.Samples.Length);
        Assert.All(empty.Samples, s => Assert.Equal(0, s));

        var mixer = new ConferenceMixer();
        var members = Enumerable.Range(0, 3).Select(i => mixer.Join($"m{i}")).ToList();
        var loud = await RecordAsync(mixer, () => members.ForEach(m => m.SubmitInput(Enumerable.Repeat((short)-30000, 160).ToArray())), mixes: 1);
        Assert.All(loud.Samples, s => Assert.Equal(short.MinValue, s));
    }

    [Fact]
    public async Task A_paused_recorder_skips_mixes_and_a_removed_one_gets_no_more()
    {
        var mixer = new ConferenceMixer();
        var member = mixer.Join("a");
        using var file = new MemoryStream();
        var recorder = new WavRecorder(file);
        mixer.Recorder = recorder;
        member.SubmitInput(Signals.Tone(500, 20));
        mixer.Mix();
        recorder.Pause();
        mixer.Mix();
        recorder.Resume();
        mixer.Mix();
        mixer.Recorder = null;
        mixer.Mix();
        await recorder.CompleteAsync();

        Assert.True(WavFile.TryParse(file.ToArray(), out var audio, out var error), error);
        Assert.Equal(2 * 160, audio.Samples.Length);
        Assert.Equal(4, mixer.MixCount);
    }

    private static async Task<PcmAudio> RecordAsync(ConferenceMixer mixer, Action submit, int mixes)
    {
        using var file = new MemoryStream();
        var recorder = new WavRecorder(file);
        mixer.Recorder = recorder;
        for (var i = 0; i < mixes; i++)
        {
            submit();
            mixer.Mix();
        }

        await recorder.CompleteAsync();
        Assert.True(WavFile.TryParse(file.ToArray(), out var audio, out var error), error);
        return audio;
    }
}
