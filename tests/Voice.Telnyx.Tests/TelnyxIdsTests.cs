using Voice.Api.Telnyx;
using Voice.Media.Contracts;

namespace Voice.Telnyx.Tests;

/// <summary>Our ids in Telnyx's shapes: reversible, path-safe, and refusing anything that is not one.</summary>
public sealed class TelnyxIdsTests
{
    private static readonly string CallId = SortableIds.New(SortableIds.CallPrefix, DateTimeOffset.UtcNow);

    [Fact]
    public void A_call_control_id_is_v3_and_base64url_and_maps_back_to_the_call()
    {
        var controlId = TelnyxIds.CallControlId(CallId);

        Assert.StartsWith("v3:", controlId);
        Assert.Equal(3 + 24, controlId.Length);
        Assert.All(controlId[3..], c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' is not base64url"));
        Assert.True(TelnyxIds.TryParseCallControlId(controlId, out var back));
        Assert.Equal(CallId, back);
        Assert.True(TelnyxIds.IsPathId(controlId));
        Assert.Equal(Uri.EscapeDataString(controlId).Replace("%3A", ":", StringComparison.Ordinal), controlId);
    }

    [Fact]
    public void Different_calls_have_different_control_ids()
    {
        var other = SortableIds.New(SortableIds.CallPrefix, DateTimeOffset.UtcNow);

        Assert.NotEqual(TelnyxIds.CallControlId(CallId), TelnyxIds.CallControlId(other));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v3:")]
    [InlineData("v2:Q0EAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("V3:Q0EAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v3:Q0EAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v3:Q0EAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v3:Q0EAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("v3:Q0EAAAAAAAAAAAAAAAAAAA+/")]
    [InlineData("v3:Q0EAAAAAAAAAAAAAAAAAAA!!")]
    [InlineData("v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg")]
    public void Anything_but_a_call_control_id_of_ours_is_refused(string? controlId)
    {
        Assert.False(TelnyxIds.TryParseCallControlId(controlId, out _));
    }

    [Fact]
    public void A_conference_id_encoded_the_same_way_is_not_a_call_control_id()
    {
        var conference = SortableIds.New(SortableIds.ConferencePrefix, DateTimeOffset.UtcNow);

        Assert.False(TelnyxIds.TryParseCallControlId(TelnyxIds.CallControlId(conference), out _));
    }

    [Fact]
    public void A_uuid_carries_the_ids_hex_digits_and_maps_back_with_the_prefix()
    {
        var uuid = TelnyxIds.Uuid(CallId);

        Assert.True(Guid.TryParseExact(uuid, "D", out _));
        Assert.Equal(CallId[2..], uuid.Replace("-", "", StringComparison.Ordinal));
        Assert.True(TelnyxIds.TryParseUuid(uuid, SortableIds.CallPrefix, out var back));
        Assert.Equal(CallId, back);
        Assert.True(TelnyxIds.TryParseUuid(uuid.ToUpperInvariant(), SortableIds.CallPrefix, out var upper));
        Assert.Equal(CallId, upper);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-uuid")]
    [InlineData("3fa85f6457174562b3fc2c963f66afa6")]
    [InlineData("{3fa85f64-5717-4562-b3fc-2c963f66afa6}")]
    [InlineData("3fa85f64-5717-4562-b3fc-2c963f66afa")]
    public void A_malformed_uuid_is_refused(string uuid)
    {
        Assert.False(TelnyxIds.TryParseUuid(uuid, SortableIds.CallPrefix, out _));
    }

    [Theory]
    [InlineData("APabc", true)]
    [InlineData("v3:abc-_.~", true)]
    [InlineData("", false)]
    [InlineData("a#b", false)]
    [InlineData("a?b", false)]
    [InlineData("a\\b", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    public void Path_ids_are_unreserved_characters_and_colons(string id, bool valid)
    {
        Assert.Equal(valid, TelnyxIds.IsPathId(id));
        Assert.False(TelnyxIds.IsPathId(new string('a', 65)));
    }
}
