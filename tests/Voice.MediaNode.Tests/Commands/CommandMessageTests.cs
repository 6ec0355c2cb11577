using Voice.Media.Contracts;
using Voice.MediaNode.Commands;

namespace Voice.MediaNode.Tests.Commands;

public sealed class CommandMessageTests
{
    [Fact]
    public void Valid_command_is_read_with_its_ids()
    {
        var text = MediaContract.Serialize(new SayCommand { Id = "c1", CallId = "k1", Text = "hello" });

        var read = CommandMessage.Read(text);

        Assert.Equal("hello", Assert.IsType<SayCommand>(read.Command).Text);
        Assert.Null(read.ErrorCode);
        Assert.Equal(("k1", "c1"), (read.CallId, read.CommandId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("{\"id\":\"c1\"")]
    [InlineData("{\"type\":\"hangup\"}")]
    [InlineData("{\"type\":\"hangup\",\"id\":\"c1\"}")]
    [InlineData("{\"type\":\"warp\",\"id\":\"c1\",\"call_id\":\"k1\"}")]
    [InlineData("{\"type\":\"dial\",\"id\":\"c1\",\"call_id\":\"k1\"}")]
    [InlineData("{\"type\":\"hangup\",\"id\":\"\",\"call_id\":\"k1\"}")]
    [InlineData("{\"type\":\"play\",\"id\":\"c1\",\"call_id\":\"k1\",\"url\":42}")]
    public void Malformed_message_is_classified_not_thrown(string text)
    {
        var read = CommandMessage.Read(text);

        Assert.Null(read.Command);
        Assert.Equal(CommandMessage.Malformed, read.ErrorCode);
    }

    [Fact]
    public void Ids_of_an_unusable_command_are_still_read_for_the_error_event()
    {
        var read = CommandMessage.Read("{\"type\":\"warp\",\"id\":\"c1\",\"call_id\":\"k1\"}");

        Assert.Equal(("k1", "c1"), (read.CallId, read.CommandId));
    }

    [Fact]
    public void Unknown_version_is_refused_even_when_the_rest_parses()
    {
        var read = CommandMessage.Read("{\"v\":2,\"type\":\"hangup\",\"id\":\"c1\",\"call_id\":\"k1\"}");

        Assert.Null(read.Command);
        Assert.Equal(CommandMessage.UnsupportedVersion, read.ErrorCode);
        Assert.Equal("k1", read.CallId);
    }
}
