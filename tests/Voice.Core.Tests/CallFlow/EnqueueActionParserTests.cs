using Voice.Core.Accounts;
using Voice.Core.CallFlow;

namespace Voice.Core.Tests.CallFlow;

public sealed class EnqueueActionParserTests
{
    private static EnqueueAction Valid(string json)
    {
        var result = CallFlowParser.Parse(json);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return Assert.IsType<EnqueueAction>(Assert.Single(result.Value.Actions));
    }

    private static string ErrorOf(string json, ApplicationDialect dialect = ApplicationDialect.Telefon)
    {
        var result = CallFlowParser.Parse(json, dialect);
        Assert.False(result.IsSuccess, "expected the document to be rejected");
        return result.Error.ToString();
    }

    [Fact]
    public void An_enqueue_with_only_a_name_waits_in_silence_without_limits()
    {
        var enqueue = Valid("""[{"action":"enqueue","name":"support"}]""");
        Assert.Equal(("support", 0, (int?)null), (enqueue.Name, enqueue.MaxWaitSeconds, enqueue.MaxSize));
        Assert.Null(enqueue.Hold);
    }

    [Fact]
    public void Hold_audio_announcement_limits_and_language_are_read()
    {
        var enqueue = Valid("""
            [{"action":"enqueue","name":"Sales line 2","maxWait":"600","maxSize":20,"language":"de-DE",
              "hold":{"url":["https://cdn.example/hold.wav"]},
              "announcement":{"text":"Sie sind Nummer {position}.","every":45}}]
            """);
        Assert.Equal(("Sales line 2", 600, (int?)20), (enqueue.Name, enqueue.MaxWaitSeconds, enqueue.MaxSize));
        var hold = enqueue.Hold!;
        Assert.Equal(("https://cdn.example/hold.wav", (string?)null, "de-de"), (hold.AudioUrl, hold.Text, hold.Voice));
        Assert.Equal(("Sie sind Nummer {position}.", 45), (hold.Announcement!.Template, hold.Announcement.EverySeconds));
    }

    [Fact]
    public void Hold_text_is_spoken_and_an_announcement_alone_is_allowed()
    {
        Assert.Equal("Please hold.", Valid("""[{"action":"enqueue","name":"q","hold":{"text":"Please hold."}}]""").Hold!.Text);
        var announcementOnly = Valid("""[{"action":"enqueue","name":"q","announcement":{"text":"Still here.","every":10}}]""").Hold!;
        Assert.Equal((null, null), (announcementOnly.AudioUrl, announcementOnly.Text));
    }

    [Theory]
    [InlineData("""[{"action":"enqueue"}]""", "/0/name: is required")]
    [InlineData("""[{"action":"enqueue","name":""}]""", "/0/name: must be 1..255 characters long")]
    [InlineData("""[{"action":"enqueue","name":"tab\tname"}]""", "/0/name: must be 1..255 characters, none of them control characters")]
    [InlineData("""[{"action":"enqueue","name":"q","maxWait":0}]""", "/0/maxWait: must be 1..86400")]
    [InlineData("""[{"action":"enqueue","name":"q","maxSize":501}]""", "/0/maxSize: must be 1..500")]
    [InlineData("""[{"action":"enqueue","name":"q","language":"english please"}]""", "/0/language: must be a BCP-47 language tag such as en-US")]
    [InlineData("""[{"action":"enqueue","name":"q","hold":"music"}]""", "/0/hold: must be an object")]
    [InlineData("""[{"action":"enqueue","name":"q","hold":{}}]""", "/0/hold: must have a url (audio looped while the call waits) or a text (spoken in a loop)")]
    [InlineData("""[{"action":"enqueue","name":"q","hold":{"url":"ftp://x/y.wav"}}]""", "/0/hold/url: must be an absolute http or https URL")]
    [InlineData("""[{"action":"enqueue","name":"q","hold":{"url":"https://x/y.wav","text":"hi"}}]""", "/0/hold/text: give url or text, not both")]
    [InlineData("""[{"action":"enqueue","name":"q","hold":{"url":"https://x/y.wav","loop":2}}]""", "/0/hold/loop: unknown property")]
    [InlineData("""[{"action":"enqueue","name":"q","announcement":{"every":30}}]""", "/0/announcement/text: is required")]
    [InlineData("""[{"action":"enqueue","name":"q","announcement":{"text":"Hi"}}]""", "/0/announcement/every: is required: seconds between announcements, 10..3600")]
    [InlineData("""[{"action":"enqueue","name":"q","announcement":{"text":"Hi","every":9}}]""", "/0/announcement/every: must be 10..3600")]
    [InlineData("""[{"action":"enqueue","name":"q","announcement":{"text":"You are {place}","every":30}}]""", "/0/announcement/text: has an unknown placeholder {place}: use {position}, {wait_minutes} or {average_wait_minutes}")]
    [InlineData("""[{"action":"enqueue","name":"q","announcement":{"text":"Hi","every":30,"voice":"x"}}]""", "/0/announcement/voice: unknown property")]
    [InlineData("""[{"action":"enqueue","name":"q","musicOnHoldUrl":"https://x/y.wav"}]""", "/0/musicOnHoldUrl: unknown property")]
    public void Malformed_enqueue_actions_are_refused_naming_the_field(string json, string expected) =>
        Assert.Equal(expected, ErrorOf(json));

    [Fact]
    public void A_vonage_applications_flow_is_an_ncco_and_cannot_use_the_telefon_extension()
    {
        Assert.Equal(
            "/1/action: \"enqueue\" is a Telefon extension, not an NCCO action: a Vonage application's flow cannot use it",
            ErrorOf("""[{"action":"talk","text":"Hi"},{"action":"enqueue","name":"q"}]""", ApplicationDialect.Vonage));
        Assert.True(CallFlowParser.Parse("""[{"action":"enqueue","name":"q"}]""", ApplicationDialect.Telnyx).IsSuccess);
    }
}
