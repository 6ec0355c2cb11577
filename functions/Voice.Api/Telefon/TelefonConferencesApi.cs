using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Engine.Conferences;

namespace Voice.Api.Telefon;

/// <summary>Telefon Voice API v1 conferences (<c>/v1/voice/conferences</c>).</summary>
public static class TelefonConferencesApi
{
    public const string Route = "v1/voice/conferences";

    public static IEndpointRouteBuilder MapTelefonConferencesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (Func<HttpContext, Task<IResult>>)ListConferences);
        app.MapPost(Route, (Func<HttpContext, Task<IResult>>)CreateConference);
        return app;
    }

    public static Task<IResult> ListConferences(HttpContext http) => ApiPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
    {
        var query = new QueryParameters(http.Request.Query);
        var page = query.Page();
        var pageSize = query.PageSize();
        if (query.Error is { } error)
        {
            return error;
        }

        var result = await Service(http).ListAsync(caller.AccountId, page, pageSize, http.RequestAborted);
        return ApiResults.Json(new TelefonConferenceList(result.Items.Select(TelefonConference.Of).ToList(), result.Total));
    });

    public static Task<IResult> CreateConference(HttpContext http) => ApiPipeline.RunAsync(http, ApiScopes.CallsWrite, async caller =>
    {
        // The spec makes this body optional: no body creates a conference with every default.
        var (body, bodyError) = await JsonRequestBody.ReadAsync(http.Request, optional: true, http.RequestAborted);
        if (bodyError is not null)
        {
            return bodyError;
        }

        using var document = body;
        var fields = new BodyFields(document?.RootElement);
        var friendlyName = fields.Text("friendly_name", maxLength: 128);
        var maxParticipants = fields.WholeNumber("max_participants", 2, 250) ?? 250;
        var record = fields.Flag("record") ?? false;
        if (fields.Error is { } error)
        {
            return error;
        }

        var conference = await Service(http).CreateAsync(caller.AccountId, friendlyName, maxParticipants, record, http.RequestAborted);
        return new LocatedResult(ApiResults.Json(TelefonConference.Of(conference), StatusCodes.Status201Created), $"/{Route}/{conference.Id}");
    });

    private static ConferenceService Service(HttpContext http) => http.RequestServices.GetRequiredService<ConferenceService>();
}
