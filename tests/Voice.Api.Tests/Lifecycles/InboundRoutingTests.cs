using Voice.Core.Accounts;
using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Api.Tests.Lifecycles;

/// <summary>
/// Inbound calls routed number → application over Azurite: the router starts the call with the application's
/// webhooks, or queues a <c>not_found</c> reject (SIP 404 on the node) for unknown and unassigned numbers.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class InboundRoutingTests
{
    private readonly ApiFixture api;

    public InboundRoutingTests(ApiFixture api)
    {
        this.api = api;
    }

    [Fact]
    public async Task A_call_to_a_number_assigned_to_an_application_is_driven_by_the_applications_webhooks()
    {
        var (account, number) = await NewNumberAsync();
        var application = await NewApplicationAsync(account, a => a with
        {
            AnswerUrl = "https://example.com/answer",
            AnswerMethod = "POST",
            EventUrl = "https://example.com/events",
            FallbackUrl = "https://example.com/fallback",
        });
        await AssignAsync(account, number, application.Id);

        var start = await RouteAsync("sip:" + number + "@127.0.0.1:5060");

        var inbound = Assert.IsType<StartInboundCall>(start);
        Assert.Equal((account, number), (inbound.AccountId, inbound.Incoming.To));
        Assert.Equal(("https://example.com/answer", "POST"), (inbound.AnswerUrl, inbound.AnswerMethod));
        Assert.Equal("https://example.com/events", inbound.StatusCallback);
        Assert.Equal("https://example.com/fallback", inbound.FallbackUrl);
    }

    [Fact]
    public async Task The_numbers_own_answer_url_overrides_its_applications()
    {
        var (account, number) = await NewNumberAsync();
        var application = await NewApplicationAsync(account, a => a with { AnswerUrl = "https://example.com/app", EventUrl = "https://example.com/app-events" });
        await AssignAsync(account, number, application.Id, answerUrl: "https://example.com/number");

        var inbound = Assert.IsType<StartInboundCall>(await RouteAsync(number));

        Assert.Equal(("https://example.com/number", "GET"), (inbound.AnswerUrl, inbound.AnswerMethod));
        Assert.Equal("https://example.com/app-events", inbound.StatusCallback);
    }

    [Fact]
    public async Task A_call_to_a_number_nobody_owns_is_rejected_not_found()
    {
        var callId = await RouteToRejectAsync("+15559990000");

        var reject = await RejectOfAsync(callId);
        Assert.Equal("not_found", reject.Reason);
    }

    [Fact]
    public async Task A_call_to_an_owned_number_without_application_or_answer_url_is_rejected_not_found()
    {
        var (_, number) = await NewNumberAsync();

        var callId = await RouteToRejectAsync(number);

        Assert.Equal("not_found", (await RejectOfAsync(callId)).Reason);
    }

    [Fact]
    public async Task A_call_to_a_disabled_accounts_number_is_rejected_not_found()
    {
        var (account, number) = await NewNumberAsync();
        await AssignAsync(account, number, applicationId: null, answerUrl: "https://example.com/answer");
        var accounts = api.Services.GetRequiredService<AccountRepository>();
        await accounts.UpsertAsync((await accounts.GetAsync(account))! with { Status = AccountStatus.Disabled });

        var callId = await RouteToRejectAsync(number);

        Assert.Equal("not_found", (await RejectOfAsync(callId)).Reason);
    }

    private async Task<CallStart?> RouteAsync(string to)
    {
        var host = new CapturingLifecycleHost();
        var callId = SortableIds.New(SortableIds.CallPrefix, DateTimeOffset.UtcNow);
        await api.Services.GetRequiredService<MediaEventRouter>().RouteAsync(
            new IncomingCallEvent { Id = "in-" + callId, CallId = callId, Seq = 1, From = "+15550001111", To = to, Node = api.Node.ToString() }, host, CancellationToken.None);
        return host.Started;
    }

    private async Task<string> RouteToRejectAsync(string to)
    {
        var host = new CapturingLifecycleHost();
        var callId = SortableIds.New(SortableIds.CallPrefix, DateTimeOffset.UtcNow);
        await api.Services.GetRequiredService<MediaEventRouter>().RouteAsync(
            new IncomingCallEvent { Id = "in-" + callId, CallId = callId, Seq = 1, From = "+15550001111", To = to, Node = api.Node.ToString() }, host, CancellationToken.None);
        Assert.Null(host.Started);
        return callId;
    }

    private async Task<RejectCommand> RejectOfAsync(string callId)
    {
        var commands = await api.CommandsForAsync(callId, c => c.OfType<RejectCommand>().Any(), TimeSpan.FromSeconds(10));
        return Assert.Single(commands.OfType<RejectCommand>());
    }

    private async Task<(string Account, string Number)> NewNumberAsync()
    {
        var account = "ACin" + Guid.NewGuid().ToString("N")[..8];
        var number = UniqueNumbers.Next();
        await TestAccounts.SeedAsync(api.Services, account, number);
        return (account, number);
    }

    private async Task<ApplicationRecord> NewApplicationAsync(string account, Func<ApplicationRecord, ApplicationRecord> configure)
    {
        var now = DateTimeOffset.UtcNow;
        var application = configure(new ApplicationRecord
        {
            AccountId = account,
            Id = SortableIds.New(ApplicationRecord.IdPrefix, now),
            Name = "routing",
            CreatedAt = now,
            UpdatedAt = now,
        });
        await api.Services.GetRequiredService<ApplicationRepository>().Table.InsertAsync(application);
        return application;
    }

    private async Task AssignAsync(string account, string number, string? applicationId, string? answerUrl = null)
    {
        var numbers = api.Services.GetRequiredService<PhoneNumberRepository>();
        var current = (await numbers.GetAsync(account, number))!;
        await numbers.UpsertAsync(current with { ApplicationId = applicationId, AnswerUrl = answerUrl });
    }

    private sealed class CapturingLifecycleHost : ILifecycleHost
    {
        public CallStart? Started { get; private set; }

        public Task StartCallAsync(CallStart start, CancellationToken cancellationToken)
        {
            Started = start;
            return Task.CompletedTask;
        }

        public Task SignalCallAsync(string callId, CallSignal signal, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SignalConferenceAsync(string accountId, string conferenceName, ConferenceSignal signal, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
