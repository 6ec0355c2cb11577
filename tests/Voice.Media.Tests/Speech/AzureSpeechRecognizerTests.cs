using System.Buffers.Binary;
using Microsoft.AspNetCore.Http;
using Voice.Media.Speech;
using Voice.Media.Speech.Azure;
using Voice.Testing;

namespace Voice.Media.Tests.Speech;

/// <summary>Azure AI Speech is not reachable here: a local server stands in for it and checks the request the recognizer builds.</summary>
public class AzureSpeechRecognizerTests
{
    private const string Detailed = """
        {"RecognitionStatus":"Success","Offset":1800000,"Duration":9500000,
         "NBest":[{"Confidence":0.9412,"Lexical":"check my balance","ITN":"check my balance","MaskedITN":"check my balance","Display":"Check my balance."},
                  {"Confidence":0.4,"Lexical":"check my ballots","ITN":"check my ballots","MaskedITN":"check my ballots","Display":"Check my ballots."}]}
        """;

    [Fact]
    public async Task The_utterance_is_posted_as_a_16_kHz_wav_with_the_token_and_the_detailed_answer_is_read()
    {
        await using var service = await WebhookReceiver.StartAsync((_, response) => Json(response, 200, Detailed));
        using var http = new HttpClient();
        var recognizer = new AzureSpeechRecognizer(http, new AzureSpeechOptions { Endpoint = new Uri($"http://127.0.0.1:{service.Port}/") },
            _ => ValueTask.FromResult(("Authorization", "Bearer entra-token")));
        var samples = Enumerable.Range(0, 4800).Select(i => (short)(i % 200)).ToArray();

        using var stream = recognizer.Open(new SpeechRecognitionRequest { Language = "en-GB", Phrases = ["ignored"] });
        stream.Write(samples.AsSpan(0, 2000));
        stream.Write(samples.AsSpan(2000));
        var result = await stream.FinishAsync(CancellationToken.None);

        var request = Assert.Single(service.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/stt/speech/recognition/conversation/cognitiveservices/v1", request.Path);
        Assert.Equal("?language=en-GB&format=detailed&profanity=raw", request.Query);
        Assert.Equal("Bearer entra-token", request.Header("Authorization"));
        Assert.Equal("audio/wav; codecs=audio/pcm; samplerate=16000", request.Header("Content-Type"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(request.Body, 0, 4));
        Assert.Equal(16000, BinaryPrimitives.ReadInt32LittleEndian(request.Body.AsSpan(24)));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(request.Body.AsSpan(22)));
        Assert.Equal(44 + (samples.Length * 2), request.Body.Length);
        Assert.Equal(samples[4799], BinaryPrimitives.ReadInt16LittleEndian(request.Body.AsSpan(44 + (4799 * 2))));
        Assert.Equal([new SpeechAlternative("Check my balance.", 0.9412), new SpeechAlternative("Check my ballots.", 0.4)], result.Alternatives);
        Assert.False(recognizer.GivesPartialResults);
        Assert.Null(stream.Partial);
    }

    [Fact]
    public async Task A_region_uses_the_regional_host_and_a_resource_key_header()
    {
        var recognizer = new AzureSpeechRecognizer(new HttpClient(), new AzureSpeechOptions { Region = "westeurope" },
            _ => ValueTask.FromResult(("Ocp-Apim-Subscription-Key", "key")));

        using var request = recognizer.BuildRequest("en-US", [1, 2], ("Ocp-Apim-Subscription-Key", "key"));

        Assert.Equal("https://westeurope.stt.speech.microsoft.com/speech/recognition/conversation/cognitiveservices/v1?language=en-US&format=detailed&profanity=raw", request.RequestUri!.ToString());
        Assert.Equal("key", request.Headers.GetValues("Ocp-Apim-Subscription-Key").Single());
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("""{"RecognitionStatus":"NoMatch","Offset":0,"Duration":0}""")]
    [InlineData("""{"RecognitionStatus":"InitialSilenceTimeout","Offset":0,"Duration":0}""")]
    [InlineData("""{"RecognitionStatus":"BabbleTimeout"}""")]
    public async Task Nothing_recognized_is_an_empty_result(string body)
    {
        var result = await RecognizeWithAnswerAsync(200, body);

        Assert.Empty(result.Alternatives);
    }

    [Theory]
    [InlineData(401, """{"error":{"code":"401","message":"Access denied"}}""", "answered 401")]
    [InlineData(200, """{"RecognitionStatus":"Error"}""", "could not recognize: Error")]
    [InlineData(200, "<html>", "not JSON")]
    [InlineData(200, """{"NBest":[]}""", "without a RecognitionStatus")]
    public async Task Failures_say_what_the_service_answered(int status, string body, string message)
    {
        var error = await Assert.ThrowsAsync<SpeechUnavailableException>(() => RecognizeWithAnswerAsync(status, body));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_endpoint_or_region_it_is_unavailable()
    {
        var recognizer = new AzureSpeechRecognizer(new HttpClient(), new AzureSpeechOptions(), _ => ValueTask.FromResult(("Authorization", "")));

        var error = Assert.Throws<SpeechUnavailableException>(() => recognizer.Open(new SpeechRecognitionRequest()));

        Assert.Contains("MediaNode__Speech__Azure__Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_utterance_is_not_sent()
    {
        var recognizer = new AzureSpeechRecognizer(new HttpClient(), new AzureSpeechOptions { Region = "nowhere" }, _ => throw new InvalidOperationException("not called"));
        using var stream = recognizer.Open(new SpeechRecognitionRequest());

        Assert.Empty((await stream.FinishAsync(CancellationToken.None)).Alternatives);
    }

    private static async Task<SpeechRecognitionResult> RecognizeWithAnswerAsync(int status, string body)
    {
        await using var service = await WebhookReceiver.StartAsync((_, response) => Json(response, status, body));
        using var http = new HttpClient();
        var recognizer = new AzureSpeechRecognizer(http, new AzureSpeechOptions { Endpoint = new Uri($"http://127.0.0.1:{service.Port}/") },
            _ => ValueTask.FromResult(("Authorization", "Bearer t")));
        using var stream = recognizer.Open(new SpeechRecognitionRequest());
        stream.Write(new short[1600]);
        return await stream.FinishAsync(CancellationToken.None);
    }

    private static Task Json(HttpResponse response, int status, string body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        return response.WriteAsync(body);
    }
}
