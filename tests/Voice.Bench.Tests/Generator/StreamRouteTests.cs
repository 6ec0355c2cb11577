using Voice.Bench.Generator;

namespace Voice.Bench.Tests.Generator;

public class StreamRouteTests
{
    [Fact]
    public void A_route_goes_to_its_line_and_back()
    {
        var route = new StreamRoute(1, 22004, 0, 22002);

        Assert.Equal("stream 1 22004 0 22002", route.ToLine());
        Assert.Equal(route, StreamRoute.Parse(route.ToLine()));
    }

    [Theory]
    [InlineData("stream 1 2 3")]
    [InlineData("streams 1 2 3 4")]
    [InlineData("stream 1 2 3 x")]
    public void Other_lines_are_rejected(string line)
    {
        Assert.Throws<FormatException>(() => StreamRoute.Parse(line));
    }
}
