using Voice.Media.Speech;
using Voice.Media.Speech.Whisper;

namespace Voice.Media.Tests.Speech;

/// <summary>No Whisper model ships on this machine (the operator provides one), so these check how it refuses without one.</summary>
public class WhisperRecognizerTests
{
    [Fact]
    public void Without_a_model_path_it_names_the_setting()
    {
        using var recognizer = new WhisperRecognizer(new WhisperOptions());

        var error = Assert.Throws<SpeechUnavailableException>(() => recognizer.Open(new SpeechRecognitionRequest()));

        Assert.Contains("MediaNode__Speech__Whisper__ModelPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_path_that_does_not_exist_is_named()
    {
        using var recognizer = new WhisperRecognizer(new WhisperOptions { ModelPath = "/nonexistent/ggml-base.en.bin" });

        var error = Assert.Throws<SpeechUnavailableException>(() => recognizer.Open(new SpeechRecognitionRequest()));

        Assert.Contains("/nonexistent/ggml-base.en.bin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_model_fails_the_utterance_not_the_process()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(path, new byte[4096]);
        try
        {
            using var recognizer = new WhisperRecognizer(new WhisperOptions { ModelPath = path });
            using var stream = recognizer.Open(new SpeechRecognitionRequest());
            stream.Write(new short[16000]);

            var error = await Assert.ThrowsAsync<SpeechUnavailableException>(() => stream.FinishAsync(CancellationToken.None));

            Assert.Contains("could not be loaded", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
