using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Voice.Api.Telnyx;

namespace Voice.Telnyx.Tests;

/// <summary>Paging and sorting of Telnyx lists: defaults, limits, errors naming the parameter, and the meta the SDK stops on.</summary>
public sealed class TelnyxListQueryTests
{
    private static readonly string[] SortFields = ["created_at", "connection_name"];

    [Fact]
    public void Without_parameters_the_first_page_of_twenty_in_the_default_order()
    {
        var list = Read();

        Assert.Equal(new TelnyxPageRequest(1, 20), list.Page);
        Assert.Null(list.Sort);
    }

    [Fact]
    public void Page_number_size_sort_and_filters_are_read()
    {
        var list = Read(("page[number]", "3"), ("page[size]", "250"), ("sort", "-connection_name"), ("filter[connection_name][contains]", "abc"));

        Assert.Equal(new TelnyxPageRequest(3, 250), list.Page);
        Assert.Equal(new TelnyxSort("connection_name", Descending: true), list.Sort);
        Assert.Equal("abc", list.Filter("connection_name", "contains"));
        Assert.Equal(new TelnyxSort("created_at", Descending: false), Read(("sort", "created_at")).Sort);
    }

    [Theory]
    [InlineData("page[size]", "0")]
    [InlineData("page[size]", "251")]
    [InlineData("page[size]", "ten")]
    [InlineData("page[size]", "-1")]
    [InlineData("page[size]", "+5")]
    [InlineData("page[size]", " 5")]
    [InlineData("page[size]", "")]
    [InlineData("page[number]", "0")]
    [InlineData("page[number]", "99999999999")]
    [InlineData("page[number]", "1.5")]
    [InlineData("page", "2")]
    [InlineData("sort", "name")]
    [InlineData("sort", "--created_at")]
    [InlineData("sort", "")]
    public async Task A_bad_paging_or_sort_parameter_is_400_naming_it(string key, string value)
    {
        var (list, error) = TelnyxListQuery.Read(Query((key, value)), SortFields);

        Assert.Null(list);
        var (status, code, parameter) = await ResultReader.ErrorAsync(error!);
        Assert.Equal(400, status);
        Assert.Equal(TelnyxErrorCodes.BadRequest, code);
        Assert.Equal(key, parameter);
    }

    [Theory]
    [InlineData(0, 20, 1, 0)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(3, 1, 2, 3)]
    [InlineData(55, 25, 2, 3)]
    [InlineData(50, 25, 1, 2)]
    [InlineData(3, 250, 1, 1)]
    public void Meta_counts_pages_so_the_sdk_stops_at_the_last(int total, int size, int number, int totalPages)
    {
        var meta = TelnyxPageMeta.For(new TelnyxPageRequest(number, size), total);

        Assert.Equal(new TelnyxPageMeta(number, size, totalPages, total), meta);
    }

    [Fact]
    public void A_page_is_cut_from_the_whole_list_and_a_page_past_the_end_is_empty_with_the_real_totals()
    {
        int[] all = [1, 2, 3, 4, 5];

        Assert.Equal([3, 4], new TelnyxPageRequest(2, 2).Of(all).Data);
        Assert.Equal([5], new TelnyxPageRequest(3, 2).Of(all).Data);
        var past = new TelnyxPageRequest(9, 2).Of(all);
        Assert.Empty(past.Data);
        Assert.Equal(new TelnyxPageMeta(9, 2, 3, 5), past.Meta);
    }

    private static TelnyxListQuery Read(params (string Key, string Value)[] parameters)
    {
        var (list, error) = TelnyxListQuery.Read(Query(parameters), SortFields);
        Assert.Null(error);
        return list!;
    }

    private static QueryCollection Query(params (string Key, string Value)[] parameters) =>
        new(parameters.ToDictionary(p => p.Key, p => new StringValues(p.Value)));
}
