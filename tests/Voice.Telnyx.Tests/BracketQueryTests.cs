using Microsoft.Extensions.Primitives;
using Voice.Api.Telnyx;

namespace Voice.Telnyx.Tests;

/// <summary>Telnyx's bracket query syntax: nested filters, paging, and every malformed key refused naming it.</summary>
public sealed class BracketQueryTests
{
    [Fact]
    public void Nested_brackets_become_a_tree_of_values()
    {
        var query = Parse(("filter[application_name][contains]", "router"), ("filter[outbound.outbound_voice_profile_id]", "42"), ("page[size]", "5"), ("sort", "-created_at"));

        Assert.Equal("router", query.Value("filter", "application_name", "contains"));
        Assert.Equal("42", query.Value("filter", "outbound.outbound_voice_profile_id"));
        Assert.Equal("5", query.Value("page", "size"));
        Assert.Equal("-created_at", query.Value("sort"));
        Assert.Equal(["application_name", "outbound.outbound_voice_profile_id"], query.Children("filter").Order());
        Assert.Null(query.Value("filter", "application_name"));
        Assert.Null(query.Value("filter", "missing", "deeper"));
        Assert.Empty(query.Children("sort"));
    }

    [Fact]
    public void An_empty_value_is_kept_as_empty()
    {
        Assert.Equal("", Parse(("filter[name]", "")).Value("filter", "name"));
    }

    [Theory]
    [InlineData("[name]")]
    [InlineData("filter[")]
    [InlineData("filter[name")]
    [InlineData("filter]")]
    [InlineData("filter]name[")]
    [InlineData("filter[]")]
    [InlineData("filter[name]x")]
    [InlineData("filter[name][]")]
    [InlineData("filter[a[b]]")]
    [InlineData("filter[a]]")]
    [InlineData("a[b][c][d][e]")]
    [InlineData("filter[[a]]")]
    public async Task A_malformed_key_is_400_naming_it(string key)
    {
        var (query, error) = BracketQuery.Parse([new KeyValuePair<string, StringValues>(key, "x")]);

        Assert.Null(query);
        var (status, code, parameter) = await ResultReader.ErrorAsync(error!);
        Assert.Equal(400, status);
        Assert.Equal(TelnyxErrorCodes.BadRequest, code);
        Assert.Equal(key, parameter);
    }

    [Fact]
    public void Four_levels_are_allowed()
    {
        Assert.Equal("x", Parse(("a[b][c][d]", "x")).Value("a", "b", "c", "d"));
    }

    [Theory]
    [InlineData("filter", "filter[name]")]
    [InlineData("filter[name]", "filter")]
    [InlineData("filter[name]", "filter[name][contains]")]
    public async Task A_parameter_that_is_both_a_value_and_a_parent_is_refused(string first, string second)
    {
        var (query, error) = BracketQuery.Parse(new Dictionary<string, StringValues> { [first] = "x", [second] = "y" });

        Assert.Null(query);
        Assert.Equal(second, (await ResultReader.ErrorAsync(error!)).Parameter);
    }

    [Fact]
    public async Task A_parameter_given_twice_is_refused()
    {
        var (query, error) = BracketQuery.Parse(new Dictionary<string, StringValues> { ["page[size]"] = new(["1", "2"]) });

        Assert.Null(query);
        Assert.Equal("page[size]", (await ResultReader.ErrorAsync(error!)).Parameter);
    }

    private static BracketQuery Parse(params (string Key, string Value)[] parameters)
    {
        var (query, error) = BracketQuery.Parse(parameters.Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value)));
        Assert.Null(error);
        return query!;
    }
}
