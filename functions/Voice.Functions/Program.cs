using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Voice.Api;
using Voice.Api.Admin;
using Voice.Engine.Lifecycles;
using Voice.Functions.Lifecycles;
using Voice.Orchestration;

// The Functions app is a skin: the same registration as DevHost, triggers that call shared handlers.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddVoiceApi(builder.Configuration);

// Operators of the admin API are authenticated by Microsoft Entra ID (AdminAuth:*), never by a tenant key.
builder.Services.AddEntraOperatorAuthentication(builder.Configuration);
builder.Services.AddSingleton<LifecycleStepActivity>();

// Engine calls made inside an invocation reach Durable through that invocation's client binding.
builder.Services.AddSingleton<ILifecycleHost, AmbientLifecycleHost>();
builder.Build().Run();
