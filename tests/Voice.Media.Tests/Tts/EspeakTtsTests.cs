using Voice.Media.Dtmf;
using Voice.Media.Tts;

namespace Voice.Media.Tests.Tts;

public class EspeakTtsTests
{
    [Fact]
    public async Task Renders_audible_8_khz_speech_of_plausible_length()
    {
        var tts = new EspeakTts();

        var audio = await tts.SynthesizeAsync("Hello, thank you for calling. Goodbye.");

        Assert.Equal(8000, audio.SampleRate);
        Assert.InRange(audio.Duration.TotalSeconds, 1.0, 6.0);
        var rms = Math.Sqrt(Goertzel.Energy(audio.Samples) / audio.Samples.Length);
        Assert.True(rms > 300, $"rms {rms}");
    }

    [Fact]
    public async Task Ssml_markup_is_read_as_markup_not_spoken()
    {
        var tts = new EspeakTts();

        var plain = await tts.SynthesizeAsync("Hello world.");
        var ssml = await tts.SynthesizeAsync("""<speak>Hello <break time="1500ms"/> world.</speak>""");
        var variant = await tts.SynthesizeAsync("Hello world.", "en-us+f3");

        // The break adds 1.5 s; speaking the tags would add far more words than that.
        Assert.InRange((ssml.Duration - plain.Duration).TotalSeconds, 1.0, 2.5);
        Assert.True(EspeakTts.IsSsml("  <speak>x</speak>"));
        Assert.False(EspeakTts.IsSsml("speak <b>"));
        Assert.NotEqual(plain.Samples.ToArray(), variant.Samples.ToArray());
    }

    [Fact]
    public async Task Same_text_voice_and_rate_is_served_from_the_cache()
    {
        var tts = new EspeakTts();

        var first = await tts.SynthesizeAsync("Please hold.", "en", 160);
        var second = await tts.SynthesizeAsync("Please hold.", "en", 160);
        await tts.SynthesizeAsync("Please hold.", "en", 200);

        Assert.Same(first, second);
        Assert.Equal(2, tts.ProcessesStarted);
    }

    [Fact]
    public async Task Directory_cache_survives_a_new_instance()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"voice-tts-{Guid.NewGuid():N}");
        try
        {
            var first = await new EspeakTts(new EspeakTtsOptions { CacheDirectory = directory }).SynthesizeAsync("-1 is not an option");
            var again = new EspeakTts(new EspeakTtsOptions { CacheDirectory = directory });

            var second = await again.SynthesizeAsync("-1 is not an option");

            Assert.Equal(0, again.ProcessesStarted);
            Assert.Equal(first.Samples, second.Samples);
            Assert.Single(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Missing_espeak_gives_a_clear_error()
    {
        var tts = new EspeakTts(new EspeakTtsOptions { Executable = "/nonexistent/espeak-ng" });

        var error = await Assert.ThrowsAsync<TtsUnavailableException>(() => tts.SynthesizeAsync("hello"));

        Assert.Contains("install the espeak-ng package", error.Message);
    }

    [Fact]
    public async Task Unknown_voice_fails_and_is_not_cached()
    {
        var tts = new EspeakTts();

        await Assert.ThrowsAsync<TtsUnavailableException>(() => tts.SynthesizeAsync("hello", "nosuchvoice"));
        await Assert.ThrowsAsync<TtsUnavailableException>(() => tts.SynthesizeAsync("hello", "nosuchvoice"));

        Assert.Equal(2, tts.ProcessesStarted);
    }
}
