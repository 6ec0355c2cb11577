using Microsoft.Extensions.Configuration;
using Voice.Core.Accounts;
using Voice.Engine.Accounts;
using Voice.Storage;

namespace Voice.Api.Tests.Lifecycles;

/// <summary>
/// Inbound calls routed by SIP address over Azurite: the Request-URI's user@host as an application lists it, then a
/// number in the user part, then the host as a domain an application lists; what nobody routes follows the operator's
/// policy (SIP 404 by default).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SipAddressRoutingTests
{
    private readonly ApiFixture api;

    public SipAddressRoutingTests(ApiFixture api)
    {
        this.api = api;
    }

    [Fact]
    public async Task A_request_uri_an_application_lists_routes_to_it_whatever_the_scheme_port_case_and_parameters()
    {
        var host = Host();
        var account = await NewAccountAsync();
        var application = await NewApplicationAsync(account, "https://example.com/support", $"sip:support@{host}");

        var route = await Resolver().ResolveAsync($"sips:support@{host.ToUpperInvariant()}:5061;transport=tls", $"<sip:someone-else@{host}>", CancellationToken.None);

        Assert.Null(route.RejectReason);
        Assert.Equal((account, application, "https://example.com/support"), (route.AccountId, route.ApplicationId, route.AnswerUrl));
        Assert.Equal($"sip:support@{host}", route.Number);
    }

    [Fact]
    public async Task A_user_an_application_does_not_list_falls_to_the_domain_an_application_lists_and_the_user_part_is_case_sensitive()
    {
        var host = Host();
        var account = await NewAccountAsync();
        await NewApplicationAsync(account, "https://example.com/support", $"sip:support@{host}");
        var domain = await NewApplicationAsync(account, "https://example.com/catch-all", $"sip:{host}");

        var other = await Resolver().ResolveAsync($"sip:sales@{host}", null, CancellationToken.None);
        var upper = await Resolver().ResolveAsync($"sip:SUPPORT@{host}", null, CancellationToken.None);

        Assert.Equal((domain, domain), (other.ApplicationId, upper.ApplicationId));
    }

    [Fact]
    public async Task A_number_in_the_user_part_goes_to_the_numbers_owner_before_a_domain_application()
    {
        var host = Host();
        var domainAccount = await NewAccountAsync();
        await NewApplicationAsync(domainAccount, "https://example.com/catch-all", $"sip:{host}");
        var numberAccount = "ACsip" + Guid.NewGuid().ToString("N")[..8];
        var number = UniqueNumbers.Next();
        await TestAccounts.SeedAsync(api.Services, numberAccount, number);
        var numbers = api.Services.GetRequiredService<PhoneNumberRepository>();
        await numbers.UpsertAsync((await numbers.GetAsync(numberAccount, number))! with { AnswerUrl = "https://example.com/number" });

        var route = await Resolver().ResolveAsync($"sip:{number}@{host}", $"sip:{number}@{host}", CancellationToken.None);

        Assert.Equal((numberAccount, "https://example.com/number"), (route.AccountId, route.AnswerUrl));
    }

    [Fact]
    public async Task A_sip_address_nobody_lists_is_rejected_not_found_and_so_is_one_whose_application_dropped_it()
    {
        var host = Host();
        var account = await NewAccountAsync();
        var application = await NewApplicationAsync(account, "https://example.com/a", $"sip:desk@{host}");
        await Applications().TryUpdateAsync(account, "test", application, a => a with { SipUris = [] }, CancellationToken.None);

        var dropped = await Resolver().ResolveAsync($"sip:desk@{host}", null, CancellationToken.None);
        var unknown = await Resolver().ResolveAsync($"sip:nobody@{Host()}", null, CancellationToken.None);

        Assert.Equal(("not_found", "not_found"), (dropped.RejectReason, unknown.RejectReason));
    }

    [Fact]
    public async Task A_disabled_accounts_sip_address_is_rejected_not_found()
    {
        var host = Host();
        var account = await NewAccountAsync();
        await NewApplicationAsync(account, "https://example.com/a", $"sip:desk@{host}");
        var accounts = api.Services.GetRequiredService<AccountRepository>();
        await accounts.UpsertAsync((await accounts.GetAsync(account))! with { Status = AccountStatus.Disabled });

        Assert.Equal("not_found", (await Resolver().ResolveAsync($"sip:desk@{host}", null, CancellationToken.None)).RejectReason);
    }

    [Fact]
    public async Task The_operator_may_reject_unrouted_calls_with_another_reason_or_send_them_to_a_default_application()
    {
        var account = await NewAccountAsync();
        var fallback = await NewApplicationAsync(account, "https://example.com/operator-default");

        var busy = Resolver(new() { ["Inbound:UnroutedReject"] = "busy" });
        var toDefault = Resolver(new() { ["Inbound:DefaultApplication"] = $"{account}/{fallback}" });

        Assert.Equal("busy", (await busy.ResolveAsync($"sip:nobody@{Host()}", null, CancellationToken.None)).RejectReason);
        Assert.Equal("busy", (await busy.ResolveAsync("+15559990001", CancellationToken.None)).RejectReason);
        var routed = await toDefault.ResolveAsync($"sip:nobody@{Host()}", null, CancellationToken.None);
        Assert.Equal((fallback, "https://example.com/operator-default"), (routed.ApplicationId, routed.AnswerUrl));
        Assert.Throws<InvalidOperationException>(() => Resolver(new() { ["Inbound:UnroutedReject"] = "maybe" }));
    }

    private static string Host() => $"r{Guid.NewGuid():N}"[..12] + ".example.com";

    private InboundRouteResolver Resolver() => api.Services.GetRequiredService<InboundRouteResolver>();

    private InboundRouteResolver Resolver(Dictionary<string, string?> settings) => new(
        api.Services.GetRequiredService<PhoneNumberRepository>(),
        api.Services.GetRequiredService<ApplicationRepository>(),
        api.Services.GetRequiredService<AccountRepository>(),
        api.Services.GetRequiredService<SipAddressClaims>(),
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private ApplicationService Applications() => api.Services.GetRequiredService<ApplicationService>();

    private async Task<string> NewAccountAsync()
    {
        var account = "ACsip" + Guid.NewGuid().ToString("N")[..8];
        await TestAccounts.SeedAsync(api.Services, account);
        return account;
    }

    private async Task<string> NewApplicationAsync(string account, string answerUrl, params string[] sipUris)
    {
        var outcome = await Applications().TryCreateAsync(account, "test", a => a with { Name = "sip", AnswerUrl = answerUrl, SipUris = sipUris }, CancellationToken.None);
        Assert.True(outcome.Application is not null, outcome.Problem);
        return outcome.Application!.Id;
    }
}
