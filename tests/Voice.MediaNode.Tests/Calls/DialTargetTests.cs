using Voice.MediaNode.Calls;
using Voice.MediaNode.Configuration;

namespace Voice.MediaNode.Tests.Calls;

public sealed class DialTargetTests
{
    private static readonly TrunkOptions Trunk = new() { Uri = "sip:trunk.example.com:5070;transport=udp", Username = "u", Password = "p" };

    [Fact]
    public void Sip_uri_is_dialled_directly()
    {
        var target = DialTarget.Resolve("sip:bob@127.0.0.1:25062", Trunk);

        Assert.Null(target.Error);
        Assert.False(target.ViaTrunk);
        Assert.Equal("sip:bob@127.0.0.1:25062", target.RequestUri!.ToString());
    }

    [Fact]
    public void E164_number_goes_to_the_trunk_as_user_part()
    {
        var target = DialTarget.Resolve("+4930123456", Trunk);

        Assert.True(target.ViaTrunk);
        Assert.Equal("sip:+4930123456@trunk.example.com:5070;transport=udp", target.RequestUri!.ToString());
    }

    [Fact]
    public void E164_number_without_a_trunk_is_an_error()
    {
        var target = DialTarget.Resolve("+4930123456", new TrunkOptions());

        Assert.Null(target.RequestUri);
        Assert.Contains("MediaNode__Trunk__Uri", target.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4930123456")]
    [InlineData("+0123")]
    [InlineData("+49 30 123")]
    [InlineData("+12345678901234567")]
    [InlineData("sip:")]
    [InlineData("sip:@")]
    [InlineData("tel:+4930123456")]
    [InlineData("http://example.com")]
    public void Anything_else_is_an_error_not_an_exception(string to)
    {
        var target = DialTarget.Resolve(to, Trunk);

        Assert.Null(target.RequestUri);
        Assert.NotNull(target.Error);
    }
}
