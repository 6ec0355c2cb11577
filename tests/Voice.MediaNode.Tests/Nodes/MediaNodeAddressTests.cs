using Voice.Media.Contracts.Nodes;

namespace Voice.MediaNode.Tests.Nodes;

public sealed class MediaNodeAddressTests
{
    [Fact]
    public void Every_start_draws_a_new_incarnation_and_its_own_queue()
    {
        var first = MediaNodeAddress.Start("node-a");
        var second = MediaNodeAddress.Start("node-a");

        Assert.NotEqual(first.Incarnation, second.Incarnation);
        Assert.NotEqual(first.CommandQueue, second.CommandQueue);
        Assert.Equal($"media-commands-node-a-{first.Incarnation}", first.CommandQueue);
    }

    [Fact]
    public void The_longest_node_id_still_makes_a_valid_queue_name()
    {
        var address = MediaNodeAddress.Start(new string('n', MediaNodeAddress.MaxNodeIdLength));

        Assert.True(address.CommandQueue.Length <= 63, address.CommandQueue);
    }

    [Fact]
    public void An_address_round_trips_through_its_text()
    {
        var address = MediaNodeAddress.Start("vmss-000001");

        Assert.Equal(address, MediaNodeAddress.TryParse(address.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("node-a")]
    [InlineData("/0123abcd")]
    [InlineData("node-a/")]
    [InlineData("node-a/0123abc")]
    [InlineData("node-a/0123abcde")]
    [InlineData("node-a/0123ABCD")]
    [InlineData("node-a/0123abcz")]
    [InlineData("Node-A/0123abcd")]
    [InlineData("node--a/0123abcd")]
    [InlineData("-node/0123abcd")]
    [InlineData("node a/0123abcd")]
    [InlineData("node-a/0123/abcd")]
    [InlineData("nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn/0123abcd")]
    public void Malformed_text_is_no_address(string? text) => Assert.Null(MediaNodeAddress.TryParse(text));

    [Theory]
    [InlineData("node-a", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData("node_a", false)]
    [InlineData("node-", false)]
    [InlineData("NODE", false)]
    public void Node_ids_are_what_a_queue_name_allows(string id, bool valid)
    {
        Assert.Equal(valid, MediaNodeAddress.IsValidNodeId(id));
        if (!valid)
        {
            Assert.Throws<ArgumentException>(() => MediaNodeAddress.Start(id));
        }
    }

    [Theory]
    [InlineData("VMSS_Media_000001-5060", "vmss-media-000001-5060")]
    [InlineData("--weird..host--", "weird-host")]
    [InlineData("___", "node")]
    [InlineData("a-very-long-host-name-that-goes-on-and-on-forever", "a-very-long-host-name-that-goes")]
    public void A_host_name_becomes_a_valid_node_id(string name, string expected)
    {
        var id = MediaNodeAddress.NodeIdFrom(name);

        Assert.Equal(expected, id);
        Assert.True(MediaNodeAddress.IsValidNodeId(id));
    }
}
