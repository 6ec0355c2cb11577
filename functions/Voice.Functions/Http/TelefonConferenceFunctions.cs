using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Http;
using Voice.Api.Telefon;

namespace Voice.Functions.Http;

/// <summary>Telefon v1 conference operations; each trigger is one call into the shared handler.</summary>
public static class TelefonConferenceFunctions
{
    private const string Route = TelefonConferencesApi.Route;

    [Function("listConferences")]
    public static async Task<IActionResult> ListConferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelefonConferencesApi.ListConferences(req.HttpContext));

    [Function("createConference")]
    public static async Task<IActionResult> CreateConference(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelefonConferencesApi.CreateConference(req.HttpContext));
}
