using Voice.Api;
using Voice.Api.Http;
using Voice.DevHost.Admin;
using Voice.DevHost.Demo;
using Voice.DevHost.Lifecycles;
using Voice.Engine.Lifecycles;
using Voice.Orchestration;

namespace Voice.DevHost;

/// <summary>
/// Builds the local host: the same API registration and handlers as the Functions app, on Kestrel, with the
/// standard error body for bare status codes and unhandled exceptions. Tests build it exactly this way.
/// </summary>
public static class DevHostApplication
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // DevHost is dev mode: webhooks may target loopback/private addresses (your local receiver).
        builder.Configuration["Webhooks:AllowPrivateTargets"] ??= "true";

        // Before the registrations: some read configuration while registering (event subscriptions), and a caller's
        // own service registrations win over the TryAdd defaults.
        configure?.Invoke(builder);
        builder.Services.AddVoiceApi(builder.Configuration);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("DurableTask", LogLevel.Warning);

        // The lifecycles run on the Durable Task engine, the same functions as the Functions app (Voice.Orchestration).
        builder.Services.AddSingleton<ILifecycleStepRunner, LifecycleStepActivity>();
        builder.Services.AddSingleton<DevHostTaskHub>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<DevHostTaskHub>().Client);
        builder.Services.AddSingleton<ILifecycleHost>(sp => new DurableLifecycleHost(sp.GetRequiredService<DevHostTaskHub>().Client));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DevHostTaskHub>());
        builder.Services.Configure<MediaEventPumpOptions>(builder.Configuration.GetSection("DevHost:MediaEvents"));
        builder.Services.AddHostedService<MediaEventPump>();
        builder.Services.AddHostedService<MediaNodeSweepLoop>();
        builder.Services.AddDevHostAdminKey();

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => ApiResults.ForStatus(StatusCodes.Status500InternalServerError).ExecuteAsync(context),
        });
        app.UseStatusCodePages(context => ApiResults.ForStatus(context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));
        app.MapVoiceApi();
        app.MapDevHostDemo();
        return app;
    }
}
